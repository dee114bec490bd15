using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace IblCodegen.Parsing;

/// <summary>
/// The few text patterns the generator checks, written out by hand. Setting regular expressions up on a cold run
/// (parsing the patterns, and the JIT compiling the engine's own generic code) cost more than all their matching:
/// about 30 ms for these patterns in a fresh process, 12 ms of the document checks' cold time. Each method says
/// which pattern it matches; tests hold each against that pattern as a <c>Regex</c>, on generated texts and on
/// every description of the published spec.
/// </summary>
internal static class TextPatterns
{
    /// <summary><c>^[A-Za-z_][A-Za-z0-9_]*$</c>, with no line break before the end.</summary>
    public static bool IsIdentifier(string text) => text.Length > 0 && !IsAsciiDigit(text[0]) && IdentifierEnd(text, 0) == text.Length;

    /// <summary>A component's name as OpenAPI allows it: <c>^[a-zA-Z0-9\.\-_]+$</c>, with no line break before the end.</summary>
    public static bool IsComponentKey(string text)
    {
        foreach (var c in text)
        {
            if (!(IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            {
                return false;
            }
        }

        return text.Length > 0;
    }

    /// <summary>A response's key: <c>^(default|[1-5]([0-9]{2}|XX))$</c>, with no line break before the end.</summary>
    public static bool IsResponseKey(string text) =>
        text == "default"
        || (text.Length == 3 && text[0] is >= '1' and <= '5'
            && ((IsAsciiDigit(text[1]) && IsAsciiDigit(text[2])) || (text[1] == 'X' && text[2] == 'X')));

    /// <summary>The names a path template asks for: each match of <c>\{([^{}/]+)\}</c>, in order.</summary>
    public static List<string> PathParameters(string path)
    {
        var names = new List<string>();
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] != '{')
            {
                continue;
            }

            var end = i + 1;
            while (end < path.Length && path[end] is not ('{' or '}' or '/'))
            {
                end++;
            }

            if (end > i + 1 && end < path.Length && path[end] == '}')
            {
                names.Add(path.Substring(i + 1, end - i - 1));
                i = end;
            }
        }

        return names;
    }

    /// <summary>
    /// The list of names in the first "Requires A, B, or C permission(s)" sentence of <paramref name="text"/>, as
    /// written (commas and "or" included); null when there is none. This is the group <c>names</c> of
    /// <c>Requires\s+(?&lt;names&gt;ID(?:\s*,\s*(?:or\s+)?ID)*(?:\s*,?\s+or\s+ID)?)\s+permissions?\b</c>, where ID is
    /// <c>[A-Za-z_][A-Za-z0-9_]*</c>, tried in the order a backtracking engine tries it.
    /// </summary>
    public static string? RequiredPermissionNames(string text)
    {
        for (var start = text.IndexOf("Requires", StringComparison.Ordinal); start >= 0; start = text.IndexOf("Requires", start + 1, StringComparison.Ordinal))
        {
            var names = SkipWhiteSpace(text, start + "Requires".Length);
            if (names > start + "Requires".Length && IsIdentifierStart(text, names)
                && MoreNames(text, IdentifierEnd(text, names), out var namesEnd))
            {
                return text.Substring(names, namesEnd - names);
            }
        }

        return null;
    }

    /// <summary>After a name ending at <paramref name="position"/>: more ", name" items (greedily), then a last "or name", then "permission".</summary>
    private static bool MoreNames(string text, int position, out int namesEnd)
    {
        var comma = SkipWhiteSpace(text, position);
        if (comma < text.Length && text[comma] == ',')
        {
            var next = SkipWhiteSpace(text, comma + 1);
            if (IsWord(text, next, "or") && SkipWhiteSpace(text, next + 2) is var afterOr && afterOr > next + 2
                && IsIdentifierStart(text, afterOr) && MoreNames(text, IdentifierEnd(text, afterOr), out namesEnd))
            {
                return true;
            }

            if (IsIdentifierStart(text, next) && MoreNames(text, IdentifierEnd(text, next), out namesEnd))
            {
                return true;
            }
        }

        if (LastName(text, position) is var lastEnd and >= 0 && IsPermissionWordAfter(text, lastEnd))
        {
            namesEnd = lastEnd;
            return true;
        }

        namesEnd = position;
        return IsPermissionWordAfter(text, position);
    }

    /// <summary><c>\s*,?\s+or\s+ID</c> at <paramref name="position"/>: where the name ends, or -1.</summary>
    private static int LastName(string text, int position)
    {
        var next = SkipWhiteSpace(text, position);
        if (next < text.Length && text[next] == ',')
        {
            var afterComma = next + 1;
            next = SkipWhiteSpace(text, afterComma);
            if (next == afterComma)
            {
                return -1;
            }
        }
        else if (next == position)
        {
            return -1;
        }

        if (!IsWord(text, next, "or"))
        {
            return -1;
        }

        var name = SkipWhiteSpace(text, next + 2);
        return name > next + 2 && IsIdentifierStart(text, name) ? IdentifierEnd(text, name) : -1;
    }

    /// <summary>
    /// "Api-Key" in "Example: Api-Key &lt;your-key&gt;": the scheme word a key is sent after. The first match of
    /// <c>([A-Za-z][A-Za-z0-9_-]*) &lt;[^&lt;&gt;]+&gt;</c>, group 1; null when there is none.
    /// </summary>
    public static string? SchemeWord(string description)
    {
        for (var space = description.IndexOf(" <", StringComparison.Ordinal); space >= 0; space = description.IndexOf(" <", space + 1, StringComparison.Ordinal))
        {
            var close = space + 2;
            while (close < description.Length && description[close] is not ('<' or '>'))
            {
                close++;
            }

            if (close == space + 2 || close == description.Length || description[close] != '>')
            {
                continue;
            }

            // The word: the run of [A-Za-z0-9_-] before the space, from its first letter.
            var start = space;
            while (start > 0 && (IsAsciiLetterOrDigit(description[start - 1]) || description[start - 1] is '_' or '-'))
            {
                start--;
            }

            while (start < space && !IsAsciiLetter(description[start]))
            {
                start++;
            }

            if (start < space)
            {
                return description.Substring(start, space - start);
            }
        }

        return null;
    }

    /// <summary>
    /// A type name without its <c>global::</c> qualifiers, for doc comments: what
    /// <c>Regex.Replace(type, @"global::([A-Za-z0-9_]+\.)*", "")</c> gives.
    /// </summary>
    public static string WithoutGlobalQualifiers(string type)
    {
        const string Global = "global::";
        var builder = new StringBuilder(type.Length);
        var position = 0;
        for (var found = type.IndexOf(Global, StringComparison.Ordinal); found >= 0; found = type.IndexOf(Global, position, StringComparison.Ordinal))
        {
            builder.Append(type, position, found - position);
            position = found + Global.Length;

            // Each "Namespace." (or "Outer.") after it goes too; the type's own name, with no dot after it, stays.
            for (var end = IdentifierEnd(type, position); end > position && end < type.Length && type[end] == '.'; end = IdentifierEnd(type, position))
            {
                position = end + 1;
            }
        }

        return builder.Append(type, position, type.Length - position).ToString();
    }

    /// <summary><c>\s+permissions?\b</c> at <paramref name="position"/>.</summary>
    private static bool IsPermissionWordAfter(string text, int position)
    {
        var word = SkipWhiteSpace(text, position);
        if (word == position || string.CompareOrdinal(text, word, "permission", 0, "permission".Length) != 0)
        {
            return false;
        }

        var end = word + "permission".Length;
        return (end < text.Length && text[end] == 's' && IsWordBoundary(text, end + 1)) || IsWordBoundary(text, end);
    }

    /// <summary>"or" at <paramref name="position"/> (what follows is checked by the caller).</summary>
    private static bool IsWord(string text, int position, string word) =>
        string.CompareOrdinal(text, position, word, 0, word.Length) == 0;

    /// <summary><c>\b</c> after a word character: the text ends, or a character that is not a word character follows.</summary>
    private static bool IsWordBoundary(string text, int position) => position >= text.Length || !IsRegexWordCharacter(text[position]);

    /// <summary>.NET's <c>\w</c> (letters, decimal digits, non-spacing marks, connector punctuation), and the two joiners <c>\b</c> counts as word characters.</summary>
    private static bool IsRegexWordCharacter(char c) =>
        c is '\u200C' or '\u200D'
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation;

    private static int SkipWhiteSpace(string text, int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }

        return position;
    }

    private static bool IsIdentifierStart(string text, int position) =>
        position < text.Length && (IsAsciiLetter(text[position]) || text[position] == '_');

    /// <summary>Where the run of <c>[A-Za-z0-9_]</c> starting at <paramref name="position"/> ends.</summary>
    private static int IdentifierEnd(string text, int position)
    {
        while (position < text.Length && (IsAsciiLetterOrDigit(text[position]) || text[position] == '_'))
        {
            position++;
        }

        return position;
    }

    private static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';

    private static bool IsAsciiLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    private static bool IsAsciiLetterOrDigit(char c) => IsAsciiLetter(c) || IsAsciiDigit(c);
}
