using System.Text.RegularExpressions;
using IblCodegen.Parsing;

namespace IblCodegen.Tests;

/// <summary>
/// The hand-written matchers against the regular expressions they stand for, on texts built at random from the
/// pieces the patterns care about.
/// </summary>
public sealed class TextPatternsTests
{
    [Fact]
    public void Keys_paths_identifiers_and_scheme_words_match_as_their_regular_expressions_do()
    {
        var identifier = new Regex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);
        var componentKey = new Regex(@"^[a-zA-Z0-9\.\-_]+$", RegexOptions.CultureInvariant);
        var responseKey = new Regex("^(default|[1-5]([0-9]{2}|XX))$", RegexOptions.CultureInvariant);
        var pathTemplate = new Regex(@"\{([^{}/]+)\}", RegexOptions.CultureInvariant);
        var schemeWord = new Regex(@"([A-Za-z][A-Za-z0-9_-]*) <[^<>]+>", RegexOptions.CultureInvariant);
        string[] pieces = ["a", "Z", "_", "0", "5", "X", "XX", "default", ".", "-", "{", "}", "/", "{id}", " ", " <", "<", ">", "key", "é", "\n"];
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
        }
    }
}
