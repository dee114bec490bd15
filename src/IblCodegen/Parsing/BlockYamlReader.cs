using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using IblCodegen.Parsing.Tree;

namespace IblCodegen.Parsing;

/// <summary>
/// Reads the block-style YAML that OpenAPI tools write straight into a <see cref="SpecNode"/> tree, or declines.
/// </summary>
/// <remarks>
/// On a cold start YamlDotNet needs about 0.75 s for the 2.7 MB ibl spec, most of it spent compiling its general
/// scanner and parser. Generated specs use a small part of YAML: block mappings and sequences (compact ones too),
/// plain, quoted, literal and folded scalars, comments and one-line flow collections. This reader handles that part
/// only, in one pass over the text. On anything else (anchors, aliases, tags, flow collections over several lines, tabs in
/// indentation, directives, a second document) and on anything malformed, it declines and
/// <see cref="YamlTreeReader"/> falls back to YamlDotNet, which then reads the document or reports the error with its
/// position. Scalars are typed by the same rules (<see cref="YamlTreeReader.ConvertPlain"/>). Tests compare both readers
/// on every YAML document the tests have. Its methods run per line or character, so they are compiled optimized from
/// their first call (<see cref="Compile.Optimized"/>).
/// </remarks>
internal sealed class BlockYamlReader
{
    /// <summary>Well under <see cref="YamlTreeReader.MaxDepth"/>: deeper documents go to YamlDotNet, which reports them.</summary>
    private const int MaxDepth = YamlTreeReader.MaxDepth / 2;

    private readonly string _text;
    private readonly CancellationToken _cancellationToken;
    private readonly StringBuilder _buffer = new();
    private readonly SpecTreeBuilder _tree = new();
    private readonly StringPool _strings = new();
    private int _pos;
    private int _entries;

    private BlockYamlReader(string text, CancellationToken cancellationToken)
    {
        _text = text;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Where a node starts: the indentation rules differ after <c>key:</c>, after <c>- </c>, and on a line of its own.</summary>
    private enum Context
    {
        MappingValue,
        SequenceItem,
        OwnLine,
    }

    /// <summary>
    /// Reads <paramref name="yaml"/>, noting where each node starts (<see cref="SpecNode.Offset"/>) in
    /// <paramref name="textRead"/>, the text with line breaks as LF and no byte order mark; false when it uses
    /// something this reader leaves to YamlDotNet.
    /// </summary>
    [MethodImpl(Compile.Optimized)]
    public static bool TryRead(string yaml, CancellationToken cancellationToken, out SpecNode? root, out string textRead)
    {
        root = null;
        if (!TryNormalize(yaml, out var text))
        {
            textRead = yaml;
            return false;
        }

        textRead = text;

        try
        {
            var reader = new BlockYamlReader(text, cancellationToken);
            root = reader.ReadDocument();
            return true;
        }
        catch (Exception ex) when (ex is DeclinedException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            // Reading past the end means a text cut off inside a construct: malformed, so YamlDotNet's to report.
            return false;
        }
    }

    /// <summary>CRLF becomes LF; characters YAML treats specially (other line breaks, control characters) decline.</summary>
    [MethodImpl(Compile.Optimized)]
    private static bool TryNormalize(string yaml, out string text)
    {
        text = yaml.Length > 0 && yaml[0] == '\uFEFF' ? yaml.Substring(1) : yaml;
        var hasCarriageReturn = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < ' ' && c is not '\n' and not '\t')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    hasCarriageReturn = true;
                    continue;
                }

                return false;
            }

            if (c is '\u007F' or '\u0085' or '\u2028' or '\u2029' or '\uFEFF' || (c >= '\u0080' && c <= '\u009F'))
            {
                return false;
            }
        }

        if (hasCarriageReturn)
        {
            text = text.Replace("\r\n", "\n");
        }

        return true;
    }

    [MethodImpl(Compile.Optimized)]
    private SpecNode? ReadDocument()
    {
        if (!SkipToContentLine(allowDocumentStart: true))
        {
            return null;
        }

        if (_text[_pos] == '%')
        {
            throw new DeclinedException();
        }

        if (IsDocumentMarker(_pos, '-'))
        {
            _pos += 3;
            SkipSpaces();
            if (!AtLineEndOrComment())
            {
                throw new DeclinedException();
            }

            NextLine();
            if (!SkipToContentLine(allowDocumentStart: false))
            {
                return null;
            }
        }

        var root = ReadNodeOnNextLines(parentIndent: -1, allowSequenceAtParentIndent: false, depth: 0);
        if (SkipToContentLine(allowDocumentStart: false))
        {
            // Content the root did not take is malformed.
            throw new DeclinedException();
        }

        return root;
    }

    /// <summary>A node that starts on a line after its key or dash, or nothing (null) when the next line is not deeper.</summary>
    [MethodImpl(Compile.Optimized)]
    private SpecNode? ReadNodeOnNextLines(int parentIndent, bool allowSequenceAtParentIndent, int depth)
    {
        if (!SkipToContentLine(allowDocumentStart: false))
        {
            return null;
        }

        var indent = Indent(_pos);
        var start = _pos + indent;
        if (indent > parentIndent)
        {
            _pos = start;
            if (IsDash(start))
            {
                return ReadSequence(indent, depth);
            }

            return IsKeyAhead(start) ? ReadMapping(indent, depth) : ReadInline(parentIndent, Context.OwnLine, depth);
        }

        if (indent == parentIndent && allowSequenceAtParentIndent && IsDash(start))
        {
            _pos = start;
            return ReadSequence(indent, depth);
        }

        // An empty value: the line belongs to an enclosing node.
        return null;
    }

    /// <summary>A block sequence whose first dash is at <see cref="_pos"/>, in column <paramref name="indent"/>.</summary>
    [MethodImpl(Compile.Optimized)]
    private SpecArray ReadSequence(int indent, int depth)
    {
        CheckDepth(depth);
        var start = _pos;
        _tree.BeginArray();
        while (true)
        {
            _pos++;
            _tree.AddItem(ReadValue(indent, Context.SequenceItem, depth + 1));
            if (!SkipToContentLine(allowDocumentStart: false))
            {
                return Record(start, _tree.EndArray());
            }

            var next = Indent(_pos);
            if (next > indent)
            {
                throw new DeclinedException();
            }

            if (next < indent || !IsDash(_pos + next))
            {
                return Record(start, _tree.EndArray());
            }

            _pos += next;
        }
    }

    /// <summary>A block mapping whose first key is at <see cref="_pos"/>, in column <paramref name="indent"/>.</summary>
    [MethodImpl(Compile.Optimized)]
    private SpecObject ReadMapping(int indent, int depth)
    {
        CheckDepth(depth);
        var start = _pos;
        _tree.BeginObject();
        while (true)
        {
            if ((++_entries & 1023) == 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
            }

            var key = ReadKey();
            if (!_tree.TryAdd(key, ReadValue(indent, Context.MappingValue, depth + 1)))
            {
                // YamlDotNet's path reports the duplicate with its position.
                throw new DeclinedException();
            }

            if (!SkipToContentLine(allowDocumentStart: false))
            {
                return Record(start, _tree.EndObject());
            }

            var next = Indent(_pos);
            if (next > indent || (next == indent && IsDash(_pos + next)))
            {
                throw new DeclinedException();
            }

            if (next < indent)
            {
                return Record(start, _tree.EndObject());
            }

            _pos += next;
        }
    }

    /// <summary>The value after <c>key:</c> or <c>- </c>: on the same line, or on the lines below.</summary>
    [MethodImpl(Compile.Optimized)]
    private SpecNode? ReadValue(int parentIndent, Context context, int depth)
    {
        SkipSpaces();
        if (AtLineEndOrComment())
        {
            NextLine();
            return ReadNodeOnNextLines(parentIndent, allowSequenceAtParentIndent: context == Context.MappingValue, depth);
        }

        if (context == Context.SequenceItem)
        {
            // Compact forms: "- - item" and "- key: value" open a collection in this column.
            var column = Column(_pos);
            if (IsDash(_pos))
            {
                return ReadSequence(column, depth);
            }

            if (IsKeyAhead(_pos))
            {
                return ReadMapping(column, depth);
            }
        }

        return ReadInline(parentIndent, context, depth);
    }

    /// <summary>A scalar or a one-line flow collection starting at <see cref="_pos"/>.</summary>
    [MethodImpl(Compile.Optimized)]
    private SpecNode? ReadInline(int parentIndent, Context context, int depth)
    {
        CheckDepth(depth);
        var start = _pos;
        return Record(start, ReadInlineAt(parentIndent, context, depth));
    }

    [MethodImpl(Compile.Optimized)]
    private SpecNode? ReadInlineAt(int parentIndent, Context context, int depth)
    {
        switch (_text[_pos])
        {
            case '\'':
                return EndOfLineAfter(SpecValue.String(ReadSingleQuoted(parentIndent)));
            case '"':
                return EndOfLineAfter(SpecValue.String(ReadDoubleQuoted(parentIndent)));
            case '|' or '>' when context != Context.OwnLine:
                return SpecValue.String(ReadBlockScalar(parentIndent, context));
            case '[' or '{':
                return ReadFlowLine(depth);
            case '-' when IsDash(_pos):
            case '&' or '*' or '!' or '%' or '@' or '`' or '|' or '>' or '?' or ':' or ',' or ']' or '}' or '#':
                throw new DeclinedException();
            default:
                return YamlTreeReader.ConvertPlain(ReadPlain(parentIndent));
        }
    }

    /// <summary>A plain scalar, folded over the lines deeper than <paramref name="parentIndent"/>.</summary>
    [MethodImpl(Compile.Optimized)]
    private string ReadPlain(int parentIndent)
    {
        var first = ReadPlainLine();
        var builder = (StringBuilder?)null;
        while (true)
        {
            var emptyLines = 0;
            var lineStart = _pos;
            while (lineStart < _text.Length && IsBlankLine(lineStart, out var nextLine))
            {
                emptyLines++;
                lineStart = nextLine;
            }

            if (lineStart >= _text.Length)
            {
                break;
            }

            var indent = Indent(lineStart);
            if (indent <= parentIndent || _text[lineStart + indent] == '#')
            {
                break;
            }

            builder ??= new StringBuilder(first);
            _pos = lineStart + indent;
            if (emptyLines == 0)
            {
                builder.Append(' ');
            }
            else
            {
                builder.Append('\n', emptyLines);
            }

            builder.Append(ReadPlainLine());
        }

        return builder?.ToString() ?? first;
    }

    /// <summary>One line of a plain scalar, up to a comment or the line's end; then moves to the next line.</summary>
    [MethodImpl(Compile.Optimized)]
    private string ReadPlainLine()
    {
        var start = _pos;
        var end = start;
        var i = start;
        for (; i < _text.Length && _text[i] != '\n'; i++)
        {
            var c = _text[i];
            if (c == '#' && _text[i - 1] == ' ')
            {
                break;
            }

            if (c == '\t' || (c == ':' && (i + 1 == _text.Length || _text[i + 1] is ' ' or '\n')))
            {
                // A tab's folding, or a key where a scalar was expected: YamlDotNet decides.
                throw new DeclinedException();
            }

            if (c != ' ')
            {
                end = i + 1;
            }
        }

        _pos = i;
        NextLine();
        return _strings.Get(_text, start, end - start);
    }

    [MethodImpl(Compile.Optimized)]
    private string ReadSingleQuoted(int parentIndent)
    {
        _buffer.Clear();
        _pos++;
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw new DeclinedException();
            }

            var c = _text[_pos];
            if (c == '\'')
            {
                if (_pos + 1 < _text.Length && _text[_pos + 1] == '\'')
                {
                    _buffer.Append('\'');
                    _pos += 2;
                    continue;
                }

                _pos++;
                return _buffer.ToString();
            }

            if (c == '\n')
            {
                FoldQuotedLineBreak(parentIndent, protectedLength: 0);
                continue;
            }

            _buffer.Append(c);
            _pos++;
        }
    }

    [MethodImpl(Compile.Optimized)]
    private string ReadDoubleQuoted(int parentIndent)
    {
        _buffer.Clear();
        _pos++;
        // Escaped characters at a line's end are content; only raw white space there is trimmed by folding.
        var protectedLength = 0;
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw new DeclinedException();
            }

            var c = _text[_pos];
            switch (c)
            {
                case '"':
                    _pos++;
                    return _buffer.ToString();
                case '\n':
                    FoldQuotedLineBreak(parentIndent, protectedLength);
                    continue;
                case '\\':
                    if (_pos + 1 < _text.Length && _text[_pos + 1] == '\n')
                    {
                        // An escaped line break joins the lines with nothing between them.
                        _pos += 2;
                        SkipContinuationIndent(parentIndent);
                    }
                    else
                    {
                        AppendEscape();
                    }

                    protectedLength = _buffer.Length;
                    continue;
                default:
                    _buffer.Append(c);
                    _pos++;
                    continue;
            }
        }
    }

    [MethodImpl(Compile.Optimized)]
    private void AppendEscape()
    {
        if (_pos + 1 >= _text.Length)
        {
            throw new DeclinedException();
        }

        var code = _text[_pos + 1];
        _pos += 2;
        switch (code)
        {
            case '0': _buffer.Append('\0'); break;
            case 'a': _buffer.Append('\a'); break;
            case 'b': _buffer.Append('\b'); break;
            case 't' or '\t': _buffer.Append('\t'); break;
            case 'n': _buffer.Append('\n'); break;
            case 'v': _buffer.Append('\v'); break;
            case 'f': _buffer.Append('\f'); break;
            case 'r': _buffer.Append('\r'); break;
            case 'e': _buffer.Append('\u001B'); break;
            case ' ': _buffer.Append(' '); break;
            case '"': _buffer.Append('"'); break;
            case '/': _buffer.Append('/'); break;
            case '\\': _buffer.Append('\\'); break;
            case 'N': _buffer.Append('\u0085'); break;
            case '_': _buffer.Append('\u00A0'); break;
            case 'L': _buffer.Append('\u2028'); break;
            case 'P': _buffer.Append('\u2029'); break;
            case 'x': AppendCodePoint(2); break;
            case 'u': AppendCodePoint(4); break;
            case 'U': AppendCodePoint(8); break;
            default: throw new DeclinedException();
        }
    }

    [MethodImpl(Compile.Optimized)]
    private void AppendCodePoint(int digits)
    {
        if (_pos + digits > _text.Length
            || !int.TryParse(_text.Substring(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var codePoint)
            || codePoint > 0x10FFFF
            || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
        {
            // Surrogate halves written as two escapes are rare; YamlDotNet's rules for them apply.
            throw new DeclinedException();
        }

        _buffer.Append(char.ConvertFromUtf32(codePoint));
        _pos += digits;
    }

    /// <summary>
    /// A raw line break inside quotes: trailing white space goes, one break becomes a space, each empty line
    /// a line feed, and the next line's indentation goes.
    /// </summary>
    [MethodImpl(Compile.Optimized)]
    private void FoldQuotedLineBreak(int parentIndent, int protectedLength)
    {
        while (_buffer.Length > protectedLength && _buffer[_buffer.Length - 1] is ' ' or '\t')
        {
            _buffer.Length--;
        }

        _pos++;
        var emptyLines = 0;
        while (_pos < _text.Length && IsBlankLine(_pos, out var nextLine))
        {
            emptyLines++;
            _pos = nextLine;
        }

        if (emptyLines == 0)
        {
            _buffer.Append(' ');
        }
        else
        {
            _buffer.Append('\n', emptyLines);
        }

        SkipContinuationIndent(parentIndent);
    }

    /// <summary>Skips a continuation line's indentation, which must be deeper than the node's parent.</summary>
    [MethodImpl(Compile.Optimized)]
    private void SkipContinuationIndent(int parentIndent)
    {
        if (_pos >= _text.Length)
        {
            throw new DeclinedException();
        }

        var indent = Indent(_pos);
        if (indent <= parentIndent || IsDocumentMarker(_pos, '-') || IsDocumentMarker(_pos, '.'))
        {
            throw new DeclinedException();
        }

        _pos += indent;
    }

    /// <summary>A literal (<c>|</c>) or folded (<c>&gt;</c>) block scalar; the header is at <see cref="_pos"/>.</summary>
    [MethodImpl(Compile.Optimized)]
    private string ReadBlockScalar(int parentIndent, Context context)
    {
        var folded = _text[_pos] == '>';
        _pos++;
        var chomping = ' ';
        var indicator = 0;
        for (var i = 0; i < 2 && _pos < _text.Length; i++)
        {
            var c = _text[_pos];
            if (c is '-' or '+' && chomping == ' ')
            {
                chomping = c;
            }
            else if (c is >= '1' and <= '9' && indicator == 0)
            {
                indicator = c - '0';
            }
            else
            {
                break;
            }

            _pos++;
        }

        SkipSpaces();
        if (!AtLineEndOrComment() || (indicator > 0 && context != Context.MappingValue))
        {
            // After a dash the indicator counts from a column that depends on the compact form; YamlDotNet knows.
            throw new DeclinedException();
        }

        NextLine();
        var lines = new List<string>();
        var contentIndent = indicator > 0 ? Math.Max(parentIndent, 0) + indicator : 0;
        var widestLeadingBlank = 0;
        while (_pos < _text.Length)
        {
            if (IsBlankLine(_pos, out var nextLine))
            {
                var spaces = Indent(_pos);
                if (contentIndent == 0)
                {
                    widestLeadingBlank = Math.Max(widestLeadingBlank, spaces);
                }
                else if (spaces > contentIndent)
                {
                    // White space beyond the indentation is content of a blank-looking line: rare, and subtle.
                    throw new DeclinedException();
                }

                lines.Add(string.Empty);
                _pos = nextLine;
                continue;
            }

            var indent = Indent(_pos);
            if (contentIndent == 0)
            {
                if (indent <= parentIndent || widestLeadingBlank > indent)
                {
                    throw new DeclinedException();
                }

                contentIndent = indent;
            }

            if (indent < contentIndent)
            {
                break;
            }

            var start = _pos + contentIndent;
            var end = _text.IndexOf('\n', start);
            if (end < 0)
            {
                // The last line without a line break changes what chomping keeps.
                throw new DeclinedException();
            }

            lines.Add(_text.Substring(start, end - start));
            _pos = end + 1;
        }

        if (contentIndent == 0)
        {
            throw new DeclinedException();
        }

        var trailingEmpty = 0;
        while (lines.Count > 0 && lines[lines.Count - 1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
            trailingEmpty++;
        }

        var body = folded ? Fold(lines) : string.Join("\n", lines);
        return chomping switch
        {
            '-' => body,
            '+' => body + new string('\n', trailingEmpty + (lines.Count > 0 ? 1 : 0)),
            _ => lines.Count > 0 ? body + "\n" : string.Empty,
        };
    }

    /// <summary>Folded style: a single break between text lines becomes a space; empty lines stay line feeds.</summary>
    [MethodImpl(Compile.Optimized)]
    private static string Fold(List<string> lines)
    {
        var builder = new StringBuilder();
        var emptyLines = 0;
        var started = false;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                emptyLines++;
                continue;
            }

            if (line[0] is ' ' or '\t')
            {
                // More-indented lines keep their breaks; none of the specs this reader is for has them.
                throw new DeclinedException();
            }

            if (started && emptyLines == 0)
            {
                builder.Append(' ');
            }
            else
            {
                builder.Append('\n', emptyLines);
            }

            builder.Append(line);
            started = true;
            emptyLines = 0;
        }

        return builder.ToString();
    }

    /// <summary>A flow collection on one line (<c>[a, b]</c>, <c>{ type: string }</c>); one spanning lines goes to YamlDotNet.</summary>
    [MethodImpl(Compile.Optimized)]
    private SpecNode ReadFlowLine(int depth) => EndOfLineAfter(ReadFlow(depth));

    [MethodImpl(Compile.Optimized)]
    private SpecNode ReadFlow(int depth)
    {
        CheckDepth(depth);
        var open = _text[_pos];
        var close = open == '[' ? ']' : '}';
        var start = _pos;
        _pos++;
        if (open == '[')
        {
            _tree.BeginArray();
        }
        else
        {
            _tree.BeginObject();
        }

        while (true)
        {
            SkipFlowSpaces();
            if (_text[_pos] == close)
            {
                _pos++;
                return Record<SpecNode>(start, open == '[' ? _tree.EndArray() : _tree.EndObject());
            }

            if (open == '[')
            {
                var item = ReadFlowNode(depth + 1, isKey: false, out _);
                if (_text[_pos] == ':')
                {
                    // "[a: b]" is a one-pair mapping inside the sequence.
                    throw new DeclinedException();
                }

                _tree.AddItem(item);
            }
            else
            {
                var key = ReadFlowNode(depth + 1, isKey: true, out var keyWasQuoted) switch
                {
                    SpecValue scalar => scalar.Text,
                    null when !keyWasQuoted => "null",
                    _ => throw new DeclinedException(),
                };
                SkipFlowSpaces();
                SpecNode? value = null;
                if (_text[_pos] == ':')
                {
                    _pos++;
                    SkipFlowSpaces();
                    if (_text[_pos] != ',' && _text[_pos] != close)
                    {
                        value = ReadFlowNode(depth + 1, isKey: false, out _);
                    }
                }

                if (!_tree.TryAdd(key, value))
                {
                    throw new DeclinedException();
                }
            }

            SkipFlowSpaces();
            if (_text[_pos] == ',')
            {
                _pos++;
            }
            else if (_text[_pos] != close)
            {
                throw new DeclinedException();
            }
        }
    }

    /// <summary>A scalar or nested collection inside a flow collection.</summary>
    [MethodImpl(Compile.Optimized)]
    private SpecNode? ReadFlowNode(int depth, bool isKey, out bool quoted)
    {
        var start = _pos;
        return Record(start, ReadFlowNodeAt(depth, isKey, out quoted));
    }

    [MethodImpl(Compile.Optimized)]
    private SpecNode? ReadFlowNodeAt(int depth, bool isKey, out bool quoted)
    {
        quoted = false;
        var c = _text[_pos];
        switch (c)
        {
            case '[' or '{' when !isKey:
                return ReadFlow(depth);
            case '\'':
                quoted = true;
                return SpecValue.String(ReadSingleQuoted(parentIndent: int.MaxValue));
            case '"':
                quoted = true;
                return SpecValue.String(ReadDoubleQuoted(parentIndent: int.MaxValue));
            case '-' or '?' or ':' when _text[_pos + 1] is ' ' or '\n' or ',' or ']' or '}':
            case '[' or '{' or ']' or '}' or ',' or '&' or '*' or '!' or '|' or '>' or '%' or '@' or '`' or '#' or '\n':
                throw new DeclinedException();
        }

        var start = _pos;
        var end = start;
        for (; _pos < _text.Length; _pos++)
        {
            c = _text[_pos];
            if (c is '\n' or '\t' || (c == '#' && _text[_pos - 1] == ' '))
            {
                throw new DeclinedException();
            }

            if (c is ',' or '[' or ']' or '{' or '}' || (c == ':' && _text[_pos + 1] is ' ' or ',' or '[' or ']' or '{' or '}' or '\n'))
            {
                break;
            }

            if (c != ' ')
            {
                end = _pos + 1;
            }
        }

        _pos = end;
        return YamlTreeReader.ConvertPlain(_strings.Get(_text, start, end - start));
    }

    [MethodImpl(Compile.Optimized)]
    private void SkipFlowSpaces()
    {
        while (_text[_pos] == ' ')
        {
            _pos++;
        }

        if (_text[_pos] is '\n' or '\t' or '#')
        {
            // Flow collections over several lines, and comments inside them, are YamlDotNet's.
            throw new DeclinedException();
        }
    }

    /// <summary>After a quoted scalar or flow collection only a comment may follow on its line.</summary>
    [MethodImpl(Compile.Optimized)]
    private SpecNode EndOfLineAfter(SpecNode node)
    {
        SkipSpaces();
        if (!AtLineEndOrComment())
        {
            throw new DeclinedException();
        }

        NextLine();
        return node;
    }

    /// <summary>A mapping key at <see cref="_pos"/>, through its colon.</summary>
    [MethodImpl(Compile.Optimized)]
    private string ReadKey()
    {
        if (!TryScanKey(_pos, out var keyEnd, out var afterColon))
        {
            throw new DeclinedException();
        }

        var first = _text[_pos];
        string key;
        if (first is '\'' or '"')
        {
            key = first == '\'' ? ReadSingleQuoted(parentIndent: int.MaxValue) : ReadDoubleQuoted(parentIndent: int.MaxValue);
        }
        else
        {
            key = _strings.Get(_text, _pos, keyEnd - _pos);
            if (!YamlTreeReader.IsPlainString(key))
            {
                // null, true, 200, 1.5: typed like any plain scalar, then written as JSON text, as YamlDotNet's path does.
                key = YamlTreeReader.ConvertPlain(key) is SpecValue value ? value.Text : "null";
            }
        }

        _pos = afterColon;
        return key;
    }

    /// <summary>True when a <c>key:</c> (plain or quoted, on one line) starts at <paramref name="start"/>.</summary>
    [MethodImpl(Compile.Optimized)]
    private bool IsKeyAhead(int start) => TryScanKey(start, out _, out _);

    /// <summary>Finds the end of a one-line key and the position after its colon.</summary>
    [MethodImpl(Compile.Optimized)]
    private bool TryScanKey(int start, out int keyEnd, out int afterColon)
    {
        keyEnd = afterColon = start;
        var i = start;
        var first = _text[i];
        if (first is '\'' or '"')
        {
            i++;
            while (true)
            {
                if (i >= _text.Length || _text[i] == '\n')
                {
                    return false;
                }

                if (_text[i] == first)
                {
                    if (first == '\'' && i + 1 < _text.Length && _text[i + 1] == '\'')
                    {
                        i += 2;
                        continue;
                    }

                    break;
                }

                i += first == '"' && _text[i] == '\\' ? 2 : 1;
            }

            keyEnd = ++i;
            while (i < _text.Length && _text[i] == ' ')
            {
                i++;
            }

            return IsKeyColon(i, out afterColon);
        }

        if (first is '-' or '?' or ':' && (i + 1 == _text.Length || _text[i + 1] is ' ' or '\n')
            || first is '[' or '{' or '&' or '*' or '!' or '|' or '>' or '%' or '@' or '`' or '#' or ',' or ']' or '}' or ' ' or '\n')
        {
            return false;
        }

        for (; i < _text.Length && _text[i] != '\n'; i++)
        {
            var c = _text[i];
            if (c == '#' && _text[i - 1] == ' ')
            {
                return false;
            }

            if (c == '\t')
            {
                throw new DeclinedException();
            }

            if (IsKeyColon(i, out afterColon))
            {
                keyEnd = i;
                while (_text[keyEnd - 1] == ' ')
                {
                    keyEnd--;
                }

                return true;
            }
        }

        return false;
    }

    [MethodImpl(Compile.Optimized)]
    private bool IsKeyColon(int i, out int afterColon)
    {
        afterColon = i + 1;
        return i < _text.Length && _text[i] == ':' && (i + 1 == _text.Length || _text[i + 1] is ' ' or '\n');
    }

    [MethodImpl(Compile.Optimized)]
    private bool IsDash(int i) => i < _text.Length && _text[i] == '-' && (i + 1 == _text.Length || _text[i + 1] is ' ' or '\n');

    [MethodImpl(Compile.Optimized)]
    private bool IsDocumentMarker(int lineStart, char mark) =>
        lineStart + 3 <= _text.Length
        && (lineStart == 0 || _text[lineStart - 1] == '\n')
        && _text[lineStart] == mark && _text[lineStart + 1] == mark && _text[lineStart + 2] == mark
        && (lineStart + 3 == _text.Length || _text[lineStart + 3] is ' ' or '\n');

    /// <summary>
    /// Moves past empty and comment lines to the start of the next line with content; false at the end.
    /// </summary>
    [MethodImpl(Compile.Optimized)]
    private bool SkipToContentLine(bool allowDocumentStart)
    {
        while (_pos < _text.Length)
        {
            var indent = Indent(_pos);
            var first = _pos + indent;
            if (first >= _text.Length)
            {
                _pos = first;
                return false;
            }

            var c = _text[first];
            if (c is '\n' or '#')
            {
                _pos = first;
                NextLine();
                continue;
            }

            // Markers inside the document (a second document, an explicit end) are left to YamlDotNet.
            if (c == '\t' || (!allowDocumentStart && (IsDocumentMarker(_pos, '-') || IsDocumentMarker(_pos, '.'))))
            {
                throw new DeclinedException();
            }

            return true;
        }

        return false;
    }

    /// <summary>The number of spaces at <paramref name="lineStart"/>.</summary>
    [MethodImpl(Compile.Optimized)]
    private int Indent(int lineStart)
    {
        var i = lineStart;
        while (i < _text.Length && _text[i] == ' ')
        {
            i++;
        }

        return i - lineStart;
    }

    [MethodImpl(Compile.Optimized)]
    private int Column(int position) => position - (_text.LastIndexOf('\n', position - 1) + 1);

    /// <summary>True when the line at <paramref name="lineStart"/> holds only spaces; <paramref name="nextLine"/> follows it.</summary>
    [MethodImpl(Compile.Optimized)]
    private bool IsBlankLine(int lineStart, out int nextLine)
    {
        var i = lineStart + Indent(lineStart);
        nextLine = i + 1;
        if (i >= _text.Length)
        {
            nextLine = _text.Length;
            return true;
        }

        if (_text[i] == '\t')
        {
            throw new DeclinedException();
        }

        return _text[i] == '\n';
    }

    [MethodImpl(Compile.Optimized)]
    private void SkipSpaces()
    {
        while (_pos < _text.Length && _text[_pos] == ' ')
        {
            _pos++;
        }

        if (_pos < _text.Length && _text[_pos] == '\t')
        {
            throw new DeclinedException();
        }
    }

    [MethodImpl(Compile.Optimized)]
    private bool AtLineEndOrComment() =>
        _pos >= _text.Length || _text[_pos] == '\n' || (_text[_pos] == '#' && _text[_pos - 1] is ' ' or '\n');

    /// <summary>Moves to the start of the next line (a comment on this one is skipped).</summary>
    [MethodImpl(Compile.Optimized)]
    private void NextLine()
    {
        var end = _text.IndexOf('\n', _pos);
        _pos = end < 0 ? _text.Length : end + 1;
    }

    /// <summary>Notes where <paramref name="node"/> starts; a node noted twice keeps the last offset, as the reader's last word on it.</summary>
    [MethodImpl(Compile.Optimized)]
    private static T Record<T>(int start, T node)
        where T : SpecNode?
    {
        if (node is not null)
        {
            node.Offset = start;
        }

        return node;
    }

    [MethodImpl(Compile.Optimized)]
    private static void CheckDepth(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new DeclinedException();
        }
    }

    /// <summary>Something this reader leaves to YamlDotNet; never escapes <see cref="TryRead"/>.</summary>
    private sealed class DeclinedException : Exception
    {
    }
}
