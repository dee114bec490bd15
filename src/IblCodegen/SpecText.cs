using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace IblCodegen;

/// <summary>
/// The one way spec text becomes C# text outside string literals (comments and doc comments), and the text of
/// diagnostic messages. Spec text is untrusted (the document may come from anywhere), and a comment ends at any C#
/// line terminator (CR, LF, U+0085, U+2028, U+2029), after which the rest of the text would be code. So every
/// terminator is a line break here (or a space, where the text must stay on one line), XML's specials are escaped in
/// doc comments, and invisible characters (bidirectional overrides, zero-width spaces: "Trojan Source",
/// CVE-2021-42574) and stray controls are written as visible <c>\uXXXX</c> text. String literals go through
/// <c>EmitHelpers.Literal</c>; identifiers are built from letters and digits only (<see cref="Parsing.Identifiers"/>).
/// </summary>
internal static class SpecText
{
    /// <summary>Whether <paramref name="c"/> ends a line for the C# compiler.</summary>
    public static bool IsLineTerminator(char c) => c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029';

    /// <summary>
    /// A character that shows nothing, or not what it is: format characters (U+200B, U+202E, U+2066, U+FEFF, …),
    /// controls other than tab, and halves of a surrogate pair standing alone.
    /// </summary>
    public static bool IsInvisible(string text, int index)
    {
        var c = text[index];
        if (c is >= ' ' and < '\u007F')
        {
            // Printable ASCII, nearly all the text there is: no category to look up.
            return false;
        }

        if (char.IsHighSurrogate(c))
        {
            return index + 1 >= text.Length || !char.IsLowSurrogate(text[index + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return index == 0 || !char.IsHighSurrogate(text[index - 1]);
        }

        return c != '\t' && !IsLineTerminator(c) && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.Control;
    }

    /// <summary>Spec text on one line of a line comment: terminators become spaces, invisible characters escapes.</summary>
    public static string CommentLine(string text) => Clean(text, xml: false, lineBreak: ' ');

    /// <summary>Spec text on one line of a doc comment: as <see cref="CommentLine"/>, and XML-escaped.</summary>
    public static string Xml(string text) => Clean(text, xml: true, lineBreak: ' ');

    /// <summary>
    /// Spec text as the lines of a doc comment, each XML-escaped: split at every C# line terminator (CRLF counts once),
    /// trimmed at both ends of the text and at the end of each line.
    /// </summary>
    public static List<string> XmlLines(string text)
    {
        var cleaned = Clean(text.Trim(), xml: true, lineBreak: '\n');
        var lines = new List<string>();
        foreach (var line in cleaned.Split('\n'))
        {
            lines.Add(line.TrimEnd());
        }

        return lines;
    }

    /// <summary>The first line of a spec text (up to any C# line terminator), trimmed; null when there is none.</summary>
    public static string? FirstLine(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text!.Trim();
        for (var i = 0; i < trimmed.Length; i++)
        {
            if (IsLineTerminator(trimmed[i]))
            {
                return trimmed.Substring(0, i).Trim();
            }
        }

        return trimmed;
    }

    /// <summary>Writes invisible characters of already-formed C# text (a literal) as <c>\uXXXX</c> escapes.</summary>
    [MethodImpl(Compile.Optimized)]
    public static string EscapeInvisible(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsInvisible(text, i))
            {
                return Clean(text, xml: false, lineBreak: null);
            }
        }

        return text;
    }

    /// <summary>
    /// The text with terminators replaced by <paramref name="lineBreak"/> (a CRLF by one; null keeps them, for text
    /// that has none left), invisible characters escaped, and XML's specials escaped when <paramref name="xml"/>.
    /// </summary>
    [MethodImpl(Compile.Optimized)]
    private static string Clean(string text, bool xml, char? lineBreak)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= ' ' and < '\u007F' and not ('&' or '<' or '>'))
            {
                // Printable ASCII that XML leaves alone: the common case, copied as it is.
                builder?.Append(c);
                continue;
            }

            var at = i;
            string? replacement = null;
            if (lineBreak is { } brk && IsLineTerminator(c))
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                replacement = brk.ToString();
            }
            else if (IsInvisible(text, i))
            {
                replacement = "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
            }
            else if (xml)
            {
                replacement = c switch
                {
                    '&' => "&amp;",
                    '<' => "&lt;",
                    '>' => "&gt;",
                    _ => null,
                };
            }

            if (replacement is null)
            {
                builder?.Append(c);
                continue;
            }

            builder ??= new StringBuilder(text.Length + 16).Append(text, 0, at);
            builder.Append(replacement);
        }

        return builder?.ToString() ?? text;
    }
}
