using System.Text.RegularExpressions;
using IblCodegen.Emitting;
using IblCodegen.Parsing;
using IblCodegen.Parsing.Tree;
using IblCodegen.Tests.Infrastructure;

namespace IblCodegen.Tests;

/// <summary>
/// The hand-written matchers against the regular expressions they stand for: on texts built at random from the
/// pieces the patterns care about, and on every operation description of the published spec.
/// </summary>
public sealed class TextPatternsTests
{
    private const string Id = "[A-Za-z_][A-Za-z0-9_]*";
    private static readonly Regex RequiresSentence = new(
        $@"Requires\s+(?<names>{Id}(?:\s*,\s*(?:or\s+)?{Id})*(?:\s*,?\s+or\s+{Id})?)\s+permissions?\b", RegexOptions.CultureInvariant);

    private static readonly string[] SentencePieces =
        [" ", "  ", "\t", "\n", ",", ", ", " ,", "or", " or ", "A", "B_1", "_c", "1x", " permission", " permissions", "permission", "s", "x", ".", "é", "\u200D", "Requires "];

    [Fact]
    public void Required_permission_names_are_those_the_regular_expression_finds()
    {
        var random = new Random(20261123);
        var matched = 0;
        for (var i = 0; i < 20_000; i++)
        {
            // Half start like a sentence, so that a good share of them match somewhere.
            var text = (random.Next(2) == 0 ? "Requires A" : string.Empty)
                + string.Concat(Enumerable.Range(0, random.Next(1, 14)).Select(_ => SentencePieces[random.Next(SentencePieces.Length)]));
            var expected = RequiresSentence.Match(text) is { Success: true } match ? match.Groups["names"].Value : null;
            Assert.True(expected == TextPatterns.RequiredPermissionNames(text), $"'{Regex.Escape(text)}': expected '{expected}'.");
            matched += expected is null ? 0 : 1;
        }

        Assert.True(matched > 1_000, $"Only {matched} of the random texts held a sentence; the test says little.");
    }

    [Theory]
    [InlineData("Requires IsDMAdmin, IsPlatformAdmin, or IsDepartmentModeAdminInPlatform permission.", "IsDMAdmin, IsPlatformAdmin, or IsDepartmentModeAdminInPlatform")]
    [InlineData("Requires A or permission", null)]
    [InlineData("Requires A, or permission", "A, or")]
    [InlineData("xRequires A permissions", "A")]
    [InlineData("Requires A permissionsX. Requires B permission", "B")]
    public void Required_permission_names_in_the_sentences_that_matter(string text, string? expected)
    {
        Assert.Equal(expected, TextPatterns.RequiredPermissionNames(text));
        Assert.Equal(expected, RequiresSentence.Match(text) is { Success: true } match ? match.Groups["names"].Value : null);
    }

    [PublishedSpecFact]
    public void Every_description_of_the_published_spec_reads_as_the_regular_expression_reads_it()
    {
        var tree = (SpecObject)YamlToJson.Convert(File.ReadAllText(RepoPaths.PublishedSpec), CancellationToken.None)!;
        var descriptions = new List<string>();
        Collect(tree, descriptions);
        var sentences = 0;
        foreach (var description in descriptions)
        {
            var expected = RequiresSentence.Match(description) is { Success: true } match ? match.Groups["names"].Value : null;
            Assert.Equal(expected, TextPatterns.RequiredPermissionNames(description));
            sentences += expected is null ? 0 : 1;
        }

        Assert.True(sentences >= 34, $"Only {sentences} sentences found.");

        static void Collect(SpecNode? node, List<string> into)
        {
            if (node is SpecObject obj)
            {
                foreach (var pair in obj)
                {
                    if (pair.Key == "description" && pair.Value is SpecValue { Text: var text })
                    {
                        into.Add(text);
                    }

                    Collect(pair.Value, into);
                }
            }
            else if (node is SpecArray array)
            {
                foreach (var item in array)
                {
                    Collect(item, into);
                }
            }
        }
    }

    [Fact]
    public void Keys_paths_identifiers_and_scheme_words_match_as_their_regular_expressions_do()
    {
        var identifier = new Regex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);
        var componentKey = new Regex(@"^[a-zA-Z0-9\.\-_]+$", RegexOptions.CultureInvariant);
        var responseKey = new Regex("^(default|[1-5]([0-9]{2}|XX))$", RegexOptions.CultureInvariant);
        var pathTemplate = new Regex(@"\{([^{}/]+)\}", RegexOptions.CultureInvariant);
        var schemeWord = new Regex(@"([A-Za-z][A-Za-z0-9_-]*) <[^<>]+>", RegexOptions.CultureInvariant);
        var globalQualifiers = new Regex(@"global::([A-Za-z0-9_]+\.)*", RegexOptions.CultureInvariant);
        string[] pieces = ["a", "Z", "_", "0", "5", "X", "XX", "default", ".", "-", "{", "}", "/", "{id}", " ", " <", "<", ">", "key", "é", "global::", "System.", "\n"];
        var random = new Random(20261123);
        for (var i = 0; i < 20_000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 8)).Select(_ => pieces[random.Next(pieces.Length)]));
            var context = $"'{Regex.Escape(text)}'";

            // The hand-written checks end at the text's end; "$" also allows one line break before it.
            var atEnd = !text.EndsWith('\n');
            Assert.True((identifier.IsMatch(text) && atEnd) == TextPatterns.IsIdentifier(text), context);
            Assert.True((componentKey.IsMatch(text) && atEnd) == TextPatterns.IsComponentKey(text), context);
            Assert.True((responseKey.IsMatch(text) && atEnd) == TextPatterns.IsResponseKey(text), context);
            Assert.Equal(pathTemplate.Matches(text).Select(m => m.Groups[1].Value), TextPatterns.PathParameters(text));
            Assert.Equal(schemeWord.Match(text) is { Success: true } word ? word.Groups[1].Value : null, TextPatterns.SchemeWord(text));
            Assert.Equal(globalQualifiers.Replace(text, string.Empty), TextPatterns.WithoutGlobalQualifiers(text));
        }
    }
}
