using System.Reflection;
using System.Text.Json;
using IblCodegen.Tests.Infrastructure;

namespace IblCodegen.Tests;

/// <summary>
/// Required members are checked when an object's read ends: each required member's setter sets a bit in a field of
/// the object, and the generated metadata refuses an object whose bits are not all set, naming what is missing. Base
/// classes' members keep their bits in subclasses; past 64 required members, System.Text.Json checks the rest itself.
/// </summary>
public sealed class RequiredMembersTests
{
    private static readonly string Spec = $$"""
        openapi: 3.0.3
        info: { title: members, version: '1' }
        paths:
          /things/:
            get:
              operationId: things_list
              responses:
                '200':
                  description: A page.
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/PaginatedThingList' }
        components:
          schemas:
            Thing:
              type: object
              required: [name, size]
              properties:
                name: { type: string }
                size: { type: integer }
                note: { type: string }
              discriminator:
                propertyName: kind
            BigThing:
              allOf:
                - $ref: '#/components/schemas/Thing'
                - type: object
                  required: [weight]
                  properties:
                    weight: { type: number }
            HugeThing:
              allOf:
                - $ref: '#/components/schemas/BigThing'
                - type: object
                  required: [volume]
                  properties:
                    volume: { type: integer, nullable: true }
            PaginatedThingList:
              type: object
              required: [count, results]
              properties:
                count: { type: integer }
                next: { type: string, nullable: true }
                previous: { type: string, nullable: true }
                results: { type: array, items: { $ref: '#/components/schemas/Thing' } }
            Wide:
              type: object
              required: [{{string.Join(", ", Enumerable.Range(0, 70).Select(i => $"m{i:D2}"))}}]
              properties:
        {{string.Join("\n", Enumerable.Range(0, 70).Select(i => $"        m{i:D2}: {{ type: string }}"))}}
        """;

    // A partial class of a model implementing IJsonOnDeserialized: the required-member check must not replace its callback.
    private const string Callback = """
        namespace Members;

        public partial class Thing : System.Text.Json.Serialization.IJsonOnDeserialized
        {
            /// <summary>How many reads of this object have ended.</summary>
            public int ReadsEnded { get; private set; }

            void System.Text.Json.Serialization.IJsonOnDeserialized.OnDeserialized() => ReadsEnded++;
        }
        """;

    private static readonly Lazy<Assembly> Generated = new(() => GeneratedAssembly.Load(GeneratorHarness.Run(new TestAdditionalText("/specs/members.yaml", Spec), Callback)));

    private static readonly Lazy<JsonSerializerOptions> Options = new(() => Generated.Value.GeneratedJsonOptions("Members.MembersJsonContext"));

    private static Type Type(string name) => Generated.Value.GetRequiredType("Members." + name);

    private static JsonException Refused(string typeName, string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, Type(typeName), Options.Value));

    [Fact]
    public void An_object_with_every_required_member_is_read_and_its_callback_still_runs()
    {
        var thing = JsonSerializer.Deserialize("""{"name":"a","size":0}""", Type("Thing"), Options.Value)!;
        Assert.Equal("a", thing.Get("Name"));
        Assert.Equal(1, thing.Get("ReadsEnded"));
    }

    [Fact]
    public void A_missing_member_is_named_and_so_is_every_other_missing_one()
    {
        var error = Refused("Thing", """{"note":"n"}""");
        Assert.Contains("'name', 'size'", error.Message);
        Assert.Equal("$", error.Path);

        Assert.Contains("'size'", Refused("Thing", """{"name":"a"}""").Message);
        Assert.DoesNotContain("'name'", Refused("Thing", """{"name":"a"}""").Message);
    }

    [Fact]
    public void Subclasses_check_their_base_classes_members_and_their_own()
    {
        // The model keeps the schemas' inheritance, so the bits of a base class's members are shared.
        Assert.Equal(Type("Thing"), Type("BigThing").BaseType);
        Assert.Equal(Type("BigThing"), Type("HugeThing").BaseType);

        Assert.Contains("'size'", Refused("HugeThing", """{"name":"a","weight":1.5,"volume":3}""").Message);
        Assert.Contains("'weight'", Refused("HugeThing", """{"name":"a","size":1,"volume":3}""").Message);
        Assert.Contains("'volume'", Refused("HugeThing", """{"name":"a","size":1,"weight":1.5}""").Message);

        // A required member that may be null is there when it is null.
        var huge = JsonSerializer.Deserialize("""{"name":"a","size":1,"weight":1.5,"volume":null}""", Type("HugeThing"), Options.Value)!;
        Assert.Null(huge.Get("Volume"));
        Assert.NotNull(JsonSerializer.Deserialize("""{"name":"a","size":1,"weight":1.5}""", Type("BigThing"), Options.Value));
    }

    [Fact]
    public void A_page_checks_its_own_members_and_its_items_and_says_where()
    {
        var page = Type("Page`1").MakeGenericType(Type("Thing"));
        Assert.Contains("'count'", Refused(page, """{"results":[]}""").Message);

        var error = Refused(page, """{"count":2,"results":[{"name":"a","size":1},{"name":"b"}]}""");
        Assert.Contains("'size'", error.Message);
        Assert.Equal("$.results[1]", error.Path);
    }

    [Fact]
    public void Past_64_required_members_the_serializer_checks_the_rest()
    {
        var all = Enumerable.Range(0, 70).ToDictionary(i => $"m{i:D2}", i => $"v{i}");
        Assert.NotNull(JsonSerializer.Deserialize(JsonSerializer.Serialize(all), Type("Wide"), Options.Value));

        foreach (var missing in new[] { "m00", "m63", "m64", "m69" })
        {
            var json = JsonSerializer.Serialize(all.Where(pair => pair.Key != missing).ToDictionary());
            Assert.Contains($"'{missing}'", Refused("Wide", json).Message);
        }
    }

    private static JsonException Refused(Type type, string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, type, Options.Value));
}
