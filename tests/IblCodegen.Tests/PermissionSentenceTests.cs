using System.Text.RegularExpressions;
using IblCodegen.Parsing;
using IblCodegen.Parsing.Tree;
using IblCodegen.Tests.Infrastructure;

namespace IblCodegen.Tests;

/// <summary>
/// The "Requires A, B, or C permission" sentence, read by <see cref="PermissionSentence"/>'s grammar: any white
/// space between its words (a line break or a tab loses no name), and every sentence of the published spec read as
/// an independent reading reads it.
/// </summary>
public sealed class PermissionSentenceTests
{
    [Theory]
    [InlineData("Requires IsDMAdmin, IsPlatformAdmin, or IsDepartmentModeAdminInPlatform permission.", "IsDMAdmin IsPlatformAdmin IsDepartmentModeAdminInPlatform")]
    [InlineData("Requires IsDMAdmin,\n  IsPlatformAdmin,\tor\r\nIsDepartmentModeAdminInPlatform\npermission", "IsDMAdmin IsPlatformAdmin IsDepartmentModeAdminInPlatform")]
    [InlineData("Requires\u00A0A\u2003or\u2028B permissions", "A B")]
    [InlineData("Requires A permission", "A")]
    [InlineData("Requires A or B permissions. Requires C permission.", "A B")]
    [InlineData("Requires A,B permission", "A B")]
    [InlineData("Requires A, or permission", "A")]
    [InlineData("Requires A or permission", "A")]
    [InlineData("Requires A, A, or A permission", "A")]
    [InlineData("xRequires A permissions", "A")]
    [InlineData("Requires A permissionsX. Requires B permission", "B")]
    [InlineData("Requires A permissioné, Requires B permission", "B")]
    [InlineData("Requires A B permission", null)]
    [InlineData("Requires 1x permission", null)]
    [InlineData("Requires or permission", null)]
    [InlineData("Requires A,permission", null)]
    [InlineData("RequiresA permission", null)]
    [InlineData("Requires A, B; or C permission", null)]
    [InlineData("Requires a login.", null)]
    public void A_sentence_names_the_permissions_of_the_grammar(string text, string? expected)
    {
        Assert.Equal(expected?.Split(' '), PermissionSentence.Read(text));
    }

    [PublishedSpecFact]
    public void Every_sentence_of_the_published_spec_reads_as_its_words_say()
    {
        var tree = (SpecObject)YamlTreeReader.Read(File.ReadAllText(RepoPaths.PublishedSpec), CancellationToken.None)!;
        var sentences = 0;
        foreach (var description in Descriptions(tree))
        {
            var expected = IndependentReading(description);
            Assert.Equal(expected, PermissionSentence.Read(description));
            sentences += expected is null ? 0 : 1;
        }

        Assert.Equal(34, sentences);
    }

    /// <summary>
    /// The names of the first "Requires … permission" whose words in between are only names, commas, "or" and white
    /// space (a regular expression over the text, sharing nothing with the tokenizer), less "or" and repeats.
    /// </summary>
    private static string[]? IndependentReading(string description)
    {
        foreach (Match match in Regex.Matches(description, @"Requires(?<between>\s[\sA-Za-z0-9_,]*?\s)permissions?\b"))
        {
            var words = Regex.Matches(match.Groups["between"].Value, "[A-Za-z0-9_]+").Select(m => m.Value).ToList();
            if (words.Count > 0 && words[0] != "or" && !char.IsAsciiDigit(words[0][0]))
            {
                return words.Where(w => w != "or").Distinct().ToArray();
            }
        }

        return null;
    }

    private static IEnumerable<string> Descriptions(SpecNode root)
    {
        var pending = new Stack<SpecNode?>([root]);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case SpecObject obj:
                    foreach (var pair in obj)
                    {
                        if (pair.Key == "description" && pair.Value is SpecValue { Text: var text })
                        {
                            yield return text;
                        }

                        pending.Push(pair.Value);
                    }

                    break;
                case SpecArray array:
                    foreach (var item in array)
                    {
                        pending.Push(item);
                    }

                    break;
            }
        }
    }
}
