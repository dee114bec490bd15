using System.Text.Json;
using System.Text.Json.Nodes;
using IblCodegen.Parsing.Tree;

namespace IblCodegen.Tests;

/// <summary>
/// The tree specs are read into: lookups by key on small and large objects, repeated keys refused while reading,
/// and JSON written back as System.Text.Json writes the same document.
/// </summary>
public sealed class SpecTreeTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(40)]
    public void Every_key_is_found_and_an_absent_one_is_not(int count)
    {
        var builder = new SpecTreeBuilder();
        builder.BeginObject();
        for (var i = 0; i < count; i++)
        {
            Assert.True(builder.TryAdd($"key{i}", SpecValue.Number(i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        var obj = builder.EndObject();
        Assert.Equal(count, obj.Count);
        for (var i = 0; i < count; i++)
        {
            Assert.True(obj.TryGetPropertyValue($"key{i}", out var value));
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), ((SpecValue)value!).Text);
            Assert.Equal($"key{i}", obj.KeyAt(i));
        }

        Assert.False(obj.ContainsKey("absent"));
        Assert.Null(obj["absent"]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(50)]
    public void A_repeated_key_is_refused_and_nested_objects_keep_their_own_keys(int before)
    {
        var builder = new SpecTreeBuilder();
        builder.BeginObject();
        for (var i = 0; i < before; i++)
        {
            // Every member holds an object with the same two keys: each object checks only its own.
            builder.BeginObject();
            Assert.True(builder.TryAdd("a", null));
            Assert.True(builder.TryAdd("b", null));
            Assert.False(builder.TryAdd("a", null));
            Assert.True(builder.TryAdd($"key{i}", builder.EndObject()));
        }

        Assert.False(builder.TryAdd("key1", SpecValue.String("again")));
        Assert.True(builder.TryAdd("last", null));
        var obj = builder.EndObject();
        Assert.Equal(before + 1, obj.Count);
        Assert.Equal(2, Assert.IsType<SpecObject>(obj["key1"]).Count);
    }

    [Fact]
    public void Json_is_written_back_as_System_Text_Json_writes_it()
    {
        const string Json = """
            { "text": "quote \" backslash \\ <tag> & 'single' é 😀 \u0001",
              "numbers": [1.50, -0, 1e3, 123456789012345678901234567890],
              "flags": [true, false, null], "empty": {}, "none": [] }
            """;
        var tree = SpecTreeJson.Read(Json, maxDepth: 64)!;
        Assert.Equal(JsonNode.Parse(Json)!.ToJsonString(), tree.ToJsonString());
    }

    [Fact]
    public void Nesting_deeper_than_allowed_is_a_json_error()
    {
        Assert.ThrowsAny<JsonException>(() => SpecTreeJson.Read("[[[[1]]]]", maxDepth: 3));
    }
}
