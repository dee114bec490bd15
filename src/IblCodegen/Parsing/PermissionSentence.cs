using System;
using System.Collections.Generic;

namespace IblCodegen.Parsing;

/// <summary>
/// Reads the permissions an operation's description grants access to, from its first sentence of this grammar:
/// <code>
/// sentence  := "Requires" WS list WS "permission" ["s"] (end of text | a character that is not a letter, digit or _)
/// list      := name (separator name)* [separator]
/// separator := [WS] "," [WS] ["or" WS]  |  WS "or" WS
/// name      := [A-Za-z_][A-Za-z0-9_]*, other than "or"
/// WS        := one or more white-space characters: spaces, tabs, line breaks, any Unicode white space
/// </code>
/// "Requires IsDMAdmin, IsPlatformAdmin, or IsDepartmentModeAdminInPlatform permission" names three; the 34 such
/// sentences of the published spec are written that way. A separator left dangling before "permission"
/// ("Requires A, or permission") is tolerated: the sentence still grants A, since reading nothing would leave the
/// operation open to every authenticated caller. Authorization depends on this reading, so it is a tokenizer and a
/// parser over that grammar, written out, rather than a pattern tuned until it matched.
/// </summary>
internal static class PermissionSentence
{
    private const string Requires = "Requires";

    /// <summary>The names the first sentence of the grammar lists, in order, without repeats; null when there is none.</summary>
    public static IReadOnlyList<string>? Read(string text)
    {
        for (var start = text.IndexOf(Requires, StringComparison.Ordinal); start >= 0; start = text.IndexOf(Requires, start + 1, StringComparison.Ordinal))
        {
            if (TryReadList(new Tokens(text, start + Requires.Length)) is { } names)
            {
                return names;
            }
        }

        return null;
    }

    private static List<string>? TryReadList(Tokens tokens)
    {
        if (!tokens.Next(out var token) || !token.SpaceBefore || !IsName(token))
        {
            return null;
        }

        var names = new List<string> { token.Text };
        while (tokens.Next(out token))
        {
            var separated = false;
            if (token.Kind == TokenKind.Comma)
            {
                separated = true;
                if (!tokens.Next(out token))
                {
                    return null;
                }
            }

            if (token is { Kind: TokenKind.Word, Text: "or" })
            {
                // "or" needs white space after it, before the name (or the "permission") that follows.
                separated = true;
                if (!tokens.Next(out token) || !token.SpaceBefore)
                {
                    return null;
                }
            }

            if (token is { Kind: TokenKind.Word, Text: "permission" or "permissions", EndsAtWordBoundary: true })
            {
                return token.SpaceBefore ? names : null;
            }

            if (!separated || !IsName(token))
            {
                return null;
            }

            if (!names.Contains(token.Text))
            {
                names.Add(token.Text);
            }
        }

        return null;
    }

    private static bool IsName(Token token) => token is { Kind: TokenKind.Word, Text: not "or" } && token.Text[0] is not (>= '0' and <= '9');

    private enum TokenKind
    {
        Word,
        Comma,
    }

    /// <param name="SpaceBefore">White space came between this token and the one before it.</param>
    /// <param name="EndsAtWordBoundary">The text ends after it, or goes on with a character that is not a letter, a digit or _.</param>
    private readonly record struct Token(TokenKind Kind, string Text, bool SpaceBefore, bool EndsAtWordBoundary);

    /// <summary>Words (runs of <c>[A-Za-z0-9_]</c>) and commas, with the white space before each noted; anything else ends them.</summary>
    private sealed class Tokens(string text, int position)
    {
        private int _position = position;

        public bool Next(out Token token)
        {
            token = default;
            var start = _position;
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }

            if (_position >= text.Length)
            {
                return false;
            }

            var spaceBefore = _position > start;
            if (text[_position] == ',')
            {
                _position++;
                token = new Token(TokenKind.Comma, ",", spaceBefore, EndsAtWordBoundary: true);
                return true;
            }

            var wordStart = _position;
            while (_position < text.Length && text[_position] is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_')
            {
                _position++;
            }

            if (_position == wordStart)
            {
                return false;
            }

            var boundary = _position >= text.Length || !(char.IsLetterOrDigit(text[_position]) || text[_position] == '_');
            token = new Token(TokenKind.Word, text.Substring(wordStart, _position - wordStart), spaceBefore, boundary);
            return true;
        }
    }
}
