using System;
using System.Collections.Generic;

namespace IblCodegen.Parsing;

/// <summary>
/// The few text patterns the generator checks, written out by hand. Setting regular expressions up on a cold run
/// (parsing the patterns, and the JIT compiling the engine's own generic code) cost more than all their matching:
/// about 30 ms for these patterns in a fresh process, 12 ms of the document checks' cold time. Each method says
/// which pattern it matches; tests hold each against that pattern as a <c>Regex</c>, on generated texts. (The
/// permission sentence, which authorization depends on, has a grammar of its own: <see cref="PermissionSentence"/>.)
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
