using IblCodegen.Parsing;
using IblCodegen.Parsing.Tree;
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
        Assert.False(BlockYamlReader.TryRead(yaml, CancellationToken.None, out _, out _));
    }

    [Fact]
    public void Damaged_text_reads_the_same_as_with_YamlDotNet_or_is_declined()
    {
        // Text-level damage (the mutation tests damage the tree instead): cuts, lost and doubled lines, shifted
        // indentation, stray indicators. The fast reader must never throw, and never accept what YamlDotNet rejects.
        var documents = new List<string> { File.ReadAllText(RepoPaths.ProjectSpec) };
        if (Directory.Exists(RepoPaths.Corpus))
        {
            documents.AddRange(new[] { "petstore.yaml", "polymorphism.yaml", "parameters-style.yaml", "schema-types.yaml" }
                .Select(name => File.ReadAllText(Path.Combine(RepoPaths.Corpus, name))));
        }

        var random = new Random(20261123);
        int read = 0, declined = 0;
        foreach (var document in documents)
        {
            for (var i = 0; i < 60; i++)
            {
                var (damaged, damage) = Damage(document, random);
                if (!BlockYamlReader.TryRead(damaged, CancellationToken.None, out var tree, out _))
                {
                    declined++;
                    continue;
                }

                read++;
                SpecNode? expected;
                try
                {
                    expected = YamlTreeReader.ReadWithYamlDotNet(damaged, CancellationToken.None);
                }
                catch (YamlDotNet.Core.YamlException ex)
                {
                    Assert.Fail($"{damage}: the fast reader accepted text YamlDotNet rejects ({ex.Message}).");
                    return;
                }

                Assert.True(SpecTrees.Equal(expected, tree), $"{damage}: the trees differ.");
            }
        }

        output.WriteLine($"{read} damaged documents read the same, {declined} declined.");
        Assert.True(read > 0 && declined > 0, "The damage should leave some documents readable and break others.");
    }

    private static (string Text, string Damage) Damage(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        var line = random.Next(lines.Count);
        switch (random.Next(6))
        {
            case 0:
                var cut = random.Next(text.Length);
                return (text.Substring(0, cut), $"cut at {cut}");
            case 1:
                lines.RemoveAt(line);
                return (string.Join("\n", lines), $"line {line + 1} removed");
            case 2:
                lines.Insert(line, lines[line]);
                return (string.Join("\n", lines), $"line {line + 1} doubled");
            case 3:
                lines[line] = lines[line].StartsWith(' ') && random.Next(2) == 0 ? lines[line].Substring(1) : " " + lines[line];
                return (string.Join("\n", lines), $"line {line + 1} re-indented by one space");
            default:
                var position = random.Next(text.Length);
                const string Indicators = ":-'\"[]{}#&*!|>\t ";
                var inserted = Indicators[random.Next(Indicators.Length)];
                return (text.Insert(position, inserted.ToString()), $"'{inserted}' inserted at {position}");
        }
    }

    private static bool AssertSameTree(string yaml, bool mustReadFast)
    {
        var fast = BlockYamlReader.TryRead(yaml, CancellationToken.None, out var tree, out _);
        Assert.True(fast || !mustReadFast, "The fast reader declined a document it is meant to read.");
        if (fast)
        {
            var expected = YamlTreeReader.ReadWithYamlDotNet(yaml, CancellationToken.None);
            Assert.True(SpecTrees.Equal(expected, tree), $"The trees differ.\nYamlDotNet: {Text(expected)}\nFast:       {Text(tree)}");
        }

        return fast;
    }

    private static string Text(SpecNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length > 2000 ? text.Substring(0, 2000) + "…" : text;
    }
}
