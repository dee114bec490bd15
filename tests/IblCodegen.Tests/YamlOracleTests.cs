using System.Globalization;
using System.Text.Json.Nodes;
using IblCodegen.Parsing;
using IblCodegen.Parsing.Tree;
using Xunit.Abstractions;
using YamlDotNet.Serialization;

namespace IblCodegen.Tests;

/// <summary>
/// The documents as the generator reads them (its own block reader, or its YamlDotNet path, and its own typing of plain
/// scalars) against an oracle that shares none of that: YamlDotNet's object deserializer, which types unquoted scalars
/// by its own rules, written out as JSON by YamlDotNet's serializer and read back with System.Text.Json. The two must
/// give the same JSON, numbers compared by value.
/// </summary>
public sealed class YamlOracleTests(ITestOutputHelper output)
{
    [Fact]
    public void The_project_spec_reads_as_the_oracle_reads_it() => AssertSameAsOracle(File.ReadAllText(RepoPaths.ProjectSpec));

    [PublishedSpecFact]
    public void The_published_spec_reads_as_the_oracle_reads_it() => AssertSameAsOracle(File.ReadAllText(RepoPaths.PublishedSpec));

    [CorpusTheory]
    [MemberData(nameof(CorpusTests.Documents), MemberType = typeof(CorpusTests))]
    public void A_corpus_document_reads_as_the_oracle_reads_it(string document) =>
        AssertSameAsOracle(File.ReadAllText(Path.Combine(RepoPaths.Corpus, document)));

    [Theory]
    [InlineData("a: 1\nb: 1.50\nc: -3\nd: 1e3\ne: true\nf: false\ng: ~\nh:\ni: null\nj: text\nk: '1'\nl: \"true\"\n")]
    [InlineData("version: 1.0\nsemver: 1.0.0\ndate: 2024-01-01\ntime: 12:30\nhex: 0x1F\noctal: 0o17\nyes: yes\nno: off\n")]
    [InlineData("'200':\n  ok: 1\n404: not found\nlist:\n- a\n- 2\n- - nested\n")]
    public void Plain_scalars_are_typed_as_the_oracle_types_them(string yaml) => AssertSameAsOracle(yaml);

    [Fact]
    public void The_comparison_sees_a_difference()
    {
        Assert.False(SameJson(JsonNode.Parse("{\"a\":[1,\"2\"]}"), JsonNode.Parse("{\"a\":[1,2]}"), "$", out var where));
        Assert.Equal("$.a[1]", where);
        Assert.True(SameJson(JsonNode.Parse("{\"a\":1.50,\"b\":{}}"), JsonNode.Parse("{\"b\":{},\"a\":1.5}"), "$", out _));
    }

    private void AssertSameAsOracle(string yaml)
    {
        var ours = YamlTreeReader.Read(yaml, CancellationToken.None);
        var oursJson = ours is null ? null : JsonNode.Parse(SpecTreeJson.Write(ours));
        var oracle = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build().Deserialize<object>(yaml);
        var oracleJson = JsonNode.Parse(new SerializerBuilder().JsonCompatible().Build().Serialize(oracle));
        Assert.True(SameJson(oursJson, oracleJson, "$", out var where), $"The readings differ at {where}: ours {Show(oursJson, where)}, the oracle's {Show(oracleJson, where)}.");
        output.WriteLine($"{yaml.Length} characters read the same.");
        if (yaml.Length < 300)
        {
            output.WriteLine(oursJson?.ToJsonString() ?? "null");
            output.WriteLine(oracleJson?.ToJsonString() ?? "null");
        }
    }

    /// <summary>JSON equality with numbers compared by value and object members in any order.</summary>
    private static bool SameJson(JsonNode? a, JsonNode? b, string path, out string where)
    {
        where = path;
        switch (a, b)
        {
            case (null, null):
                return true;
            case (JsonObject x, JsonObject y):
                if (x.Count != y.Count)
                {
                    where = $"{path} (members: {string.Join(",", x.Select(p => p.Key).Except(y.Select(p => p.Key)).Concat(y.Select(p => p.Key).Except(x.Select(p => p.Key))).Take(5))})";
                    return false;
                }

                foreach (var (key, value) in x)
                {
                    if (!y.TryGetPropertyValue(key, out var other) || !SameJson(value, other, $"{path}.{key}", out where))
                    {
                        where = y.ContainsKey(key) ? where : $"{path}.{key}";
                        return false;
                    }
                }

                return true;
            case (JsonArray x, JsonArray y):
                if (x.Count != y.Count)
                {
                    return false;
                }

                for (var i = 0; i < x.Count; i++)
                {
                    if (!SameJson(x[i], y[i], $"{path}[{i}]", out where))
                    {
                        return false;
                    }
                }

                return true;
            case (JsonValue x, JsonValue y):
                var kx = x.GetValueKind();
                var ky = y.GetValueKind();
                if (kx != ky)
                {
                    return false;
                }

                return kx == System.Text.Json.JsonValueKind.Number
                    ? double.Parse(x.ToJsonString(), CultureInfo.InvariantCulture) == double.Parse(y.ToJsonString(), CultureInfo.InvariantCulture)
                    : x.ToJsonString() == y.ToJsonString();
            default:
                return false;
        }
    }

    private static string Show(JsonNode? root, string where)
    {
        var node = root;
        foreach (var part in where.Split(' ')[0].TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part.Split('[')[0];
            node = name.Length > 0 ? node?[name] : node;
            foreach (var index in part.Split('[').Skip(1))
            {
                node = node?[int.Parse(index.TrimEnd(']'), CultureInfo.InvariantCulture)];
            }
        }

        var text = node?.ToJsonString() ?? "null";
        return text.Length > 200 ? text[..200] + "…" : text;
    }
}
