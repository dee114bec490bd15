using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace IblCodegen.Model.Naming;

/// <summary>Turns the spec's names (snake_case, kebab-case, dotted, anything) into C# identifiers.</summary>
internal static class Identifiers
{
    [ThreadStatic]
    private static StringBuilder? s_builder;

    [ThreadStatic]
    private static StringBuilder? s_word;

    /// <summary>
    /// PascalCase from the letters and digits of <paramref name="name"/>: every run of other characters starts a new
    /// word, as does a lower-to-upper change ("courseID" stays "CourseID"). A leading digit gets an underscore, and an
    /// empty result becomes <paramref name="fallback"/>.
    /// </summary>
    public static string ToPascalCase(string name, string fallback = "Value")
    {
        // Called for every name the model declares: two builders a call came to 4 MB for the published spec, so they
        // are kept per thread.
        var builder = (s_builder ??= new StringBuilder()).Clear();
        var word = (s_word ??= new StringBuilder()).Clear();
        foreach (var c in name)
        {
            if (IsWordCharacter(c))
            {
                word.Append(c);
            }
            else
            {
                AppendWord(builder, word);
            }
        }

        AppendWord(builder, word);
        if (builder.Length == 0)
        {
            return fallback;
        }

        if (char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return EscapeKeyword(builder.ToString());
    }

    private static bool IsWordCharacter(char c) => c < 128 ? char.IsLetterOrDigit(c) : char.IsLetter(c);

    /// <summary>Capitalizes a word; an all-capitals word ("DEFAULT", "API") is title-cased so "DEFAULT_TEMPLATE" reads "DefaultTemplate".</summary>
    private static void AppendWord(StringBuilder builder, StringBuilder word)
    {
        if (word.Length == 0)
        {
            return;
        }

        var allUpper = true;
        for (var i = 0; i < word.Length; i++)
        {
            if (char.IsLower(word[i]))
            {
                allUpper = false;
                break;
            }
        }

        builder.Append(char.ToUpperInvariant(word[0]));
        for (var i = 1; i < word.Length; i++)
        {
            builder.Append(allUpper ? char.ToLowerInvariant(word[i]) : word[i]);
        }

        word.Clear();
    }

    /// <summary>A name for a namespace: dotted segments, each PascalCased.</summary>
    public static string ToNamespace(string name)
    {
        var parts = name.Split('.');
        var result = new List<string>(parts.Length);
        foreach (var part in parts)
        {
            if (part.Length > 0)
            {
                result.Add(ToPascalCase(part, "Spec"));
            }
        }

        return result.Count == 0 ? "Spec" : string.Join(".", result);
    }

    /// <summary>
    /// A type prefix the project chose: kept as written when it is an identifier (<c>IBLv4</c>), made one otherwise.
    /// </summary>
    public static string ToTypePrefix(string name) =>
        SyntaxFacts.IsValidIdentifier(name) && name.All(c => c < 128) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None
            ? name
            : ToPascalCase(name, "Spec");

    /// <summary>Prefixes <c>@</c> to a C# keyword. PascalCased names rarely are keywords, but the caller may pass any name.</summary>
    public static string EscapeKeyword(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None
            ? "@" + identifier
            : identifier;
}
