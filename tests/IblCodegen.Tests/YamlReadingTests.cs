using System.Text.Json.Nodes;
using IblCodegen.Parsing;
using IblCodegen.Tests.Infrastructure;
using Xunit.Abstractions;

namespace IblCodegen.Tests;

/// <summary>
/// The fast block-YAML reader gives exactly the tree YamlDotNet gives, or declines and leaves the document to it.
/// </summary>
public sealed class YamlReadingTests(ITestOutputHelper output)
{
    [Fact]
    public void The_project_spec_reads_fast_and_the_same()
    {
        AssertSameTree(File.ReadAllText(RepoPaths.ProjectSpec), mustReadFast: true);
    }

    [PublishedSpecFact]
    public void The_published_spec_reads_fast_and_the_same()
    {
        AssertSameTree(File.ReadAllText(RepoPaths.PublishedSpec), mustReadFast: true);
    }

    [CorpusTheory]
    [MemberData(nameof(CorpusTests.Documents), MemberType = typeof(CorpusTests))]
    public void A_corpus_document_reads_the_same_or_is_declined(string document)
    {
        var fast = AssertSameTree(File.ReadAllText(Path.Combine(RepoPaths.Corpus, document)), mustReadFast: false);
        output.WriteLine($"{document}: {(fast ? "read by the fast reader" : "declined, read by YamlDotNet")}");
    }

    [Theory]
    [InlineData("plain: text  # comment\nnumber: 42\nreal: 1.50\nflag: true\nnothing:\ntilde: ~\nhex: 0x1F\nversion: 1.0\n")]
    [InlineData("folded: first line\n  second line\n\n  after an empty line\nnext: x\n")]
    [InlineData("list:\n- a\n- b: 1\n  c: 2\n- - nested\n  - compact\n-\n  deeper: true\nafter: 1\n")]
    [InlineData("outer:\n  inner:\n    - x\n    - y\n  empty_list: []\n  empty_map: {}\n")]
    [InlineData("single: 'it''s\n  folded\n\n  twice'\ndouble: \"tab\\tquote\\\" \\u00e9 \\x41 \\U0001F600\\\n  joined \\\n  end\"\n")]
    [InlineData("'200':\n  ok: 1\n\"quoted key\": v\n404: not found\ntrue: yes\nnull: z\n")]
    [InlineData("literal: |\n  line one\n    indented\n\n  line three\nstrip: |-\n  no newline\nkeep: |+\n  kept\n\nnext: 1\n")]
    [InlineData("folded: >\n  one\n  two\n\n  three\nfolded_strip: >-\n  a\n  b\n")]
    [InlineData("indicator:\n  description: |2-\n      four spaces kept\n    two\n")]
    [InlineData("---\n# a comment\nkey: value\n\n\n# trailing comment\n")]
    [InlineData("url: http://example.com/a#b\nkey: a:b\ndash: -1\nneg: -.5\nplus: +3\n")]
    [InlineData("crlf: one\r\nsecond:\r\n  - x\r\n")]
    [InlineData("tags: [catalog, 'two words', \"q\"]\nschema: { type: string, format: date-time, x: [1, 2.5, {}], $ref: '#/a' }\n")]
    [InlineData("items:\n- { name: a, in: query, required: true }\n- [1, [2, 3], ]\n- {a, b: }\n")]
    public void Written_constructs_read_fast_and_the_same(string yaml)
    {
        AssertSameTree(yaml, mustReadFast: true);
    }

    [Theory]
    [InlineData("anchor: &a 1\nalias: *a\n")]
    [InlineData("tagged: !!str 1\n")]
    [InlineData("flow: [a,\n  b]\n")]
    [InlineData("flow: [a: 1]\n")]
    [InlineData("flow: {a: 1} trailing\n")]
    [InlineData("flow: [a, b\n")]
    [InlineData("key:\n\t- tab indented\n")]
    [InlineData("a: 1\n---\nb: 2\n")]
    [InlineData("? complex\n: key\n")]
    [InlineData("%YAML 1.2\n---\na: 1\n")]
    [InlineData("a: 1\na: 2\n")]
    [InlineData("a: b: c\n")]
    [InlineData("a:\n  b: 1\n c: 2\n")]
    [InlineData("a: 'unclosed\n")]
    [InlineData("a: |\n  last line without a break")]
    public void What_it_does_not_read_goes_to_YamlDotNet(string yaml)
    {
        Assert.False(BlockYamlReader.TryRead(yaml, CancellationToken.None, out _));
    }

    private static bool AssertSameTree(string yaml, bool mustReadFast)
    {
        var fast = BlockYamlReader.TryRead(yaml, CancellationToken.None, out var tree);
        Assert.True(fast || !mustReadFast, "The fast reader declined a document it is meant to read.");
        if (fast)
        {
            var expected = YamlToJson.ConvertWithYamlDotNet(yaml, CancellationToken.None);
            Assert.True(JsonNode.DeepEquals(expected, tree), $"The trees differ.\nYamlDotNet: {Text(expected)}\nFast:       {Text(tree)}");
        }

        return fast;
    }

    private static string Text(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length > 2000 ? text.Substring(0, 2000) + "…" : text;
    }
}
