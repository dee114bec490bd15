using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis.Text;

namespace IblCodegen.Emitting;

/// <summary>
/// Writes C# with indentation, in the manner of dotnet/runtime's SourceWriter: every line written through it is
/// indented to the current depth, multi-line text is re-indented line by line, and line endings are always "\n"
/// so output is byte-identical on every machine.
/// </summary>
/// <remarks>
/// An interpolated line (<c>writer.WriteLine($"public {type} {name} {{ get; set; }}")</c>) is written straight into
/// the buffer by <see cref="LineHandler"/>, never built as a string first: the emitters write a hundred thousand lines
/// for the published ibl spec, and those strings were 16 of the 67 MB its emitters allocated.
/// </remarks>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private static readonly char[] LineBreaks = ['\r', '\n'];

    private readonly ChunkedText _text = new();
    private int _indentation;

    // The state within the line being written: nothing on it yet (so indentation is still due), and carriage returns
    // held back until it is clear they do not end the line.
    private bool _atLineStart = true;
    private int _pendingCarriageReturns;

    public int Indentation
    {
        get => _indentation;
        set => _indentation = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public void WriteLine()
    {
        EndLine();
    }

    /// <summary>Writes <paramref name="text"/>, each of its lines at the current indentation.</summary>
    public void WriteLine(string text)
    {
        Append(text);
        EndLine();
    }

    /// <summary>Writes an interpolated line, each of its lines at the current indentation, without building it as a string.</summary>
    public void WriteLine([InterpolatedStringHandlerArgument("")] LineHandler line)
    {
        EndLine();
    }

    /// <summary>Writes <c>{</c> and indents.</summary>
    public void OpenBlock()
    {
        WriteLine("{");
        _indentation++;
    }

    /// <summary>Unindents and writes <c>}</c> (with <paramref name="suffix"/>, e.g. <c>;</c>).</summary>
    public void CloseBlock(string suffix = "")
    {
        _indentation--;
        Append("}");
        Append(suffix);
        EndLine();
    }

    /// <summary>The text written, for the compiler; the writer must be back at indentation 0, or an emitter lost a brace.</summary>
    public SourceText ToSourceText()
    {
        if (_indentation != 0)
        {
            throw new InvalidOperationException($"Unbalanced indentation ({_indentation}) at the end of a generated file.");
        }

        return _text.ToSourceText();
    }

    /// <summary>Appends text to the current line; a line break in it starts the next line, at the same indentation.</summary>
    [MethodImpl(Compile.Optimized)]
    private void Append(string? text)
    {
        if (text is null)
        {
            return;
        }

        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOfAny(LineBreaks, start);
            var runEnd = end < 0 ? text.Length : end;
            if (runEnd > start)
            {
                StartContent();
                _text.Append(text, start, runEnd - start);
            }

            if (end < 0)
            {
                return;
            }

            if (text[end] == '\r')
            {
                _pendingCarriageReturns++;
            }
            else
            {
                EndLine();
            }

            start = end + 1;
        }
    }

    /// <summary>Indents a line at its first character, so empty lines stay empty; carriage returns inside a line are kept.</summary>
    [MethodImpl(Compile.Optimized)]
    private void StartContent()
    {
        if (_atLineStart)
        {
            for (var i = 0; i < _indentation; i++)
            {
                _text.Append(IndentUnit, 0, IndentUnit.Length);
            }

            _atLineStart = false;
        }

        for (; _pendingCarriageReturns > 0; _pendingCarriageReturns--)
        {
            _text.Append('\r');
        }
    }

    /// <summary>Ends the current line with "\n", dropping the carriage returns before it.</summary>
    [MethodImpl(Compile.Optimized)]
    private void EndLine()
    {
        _pendingCarriageReturns = 0;
        _text.Append('\n');
        _atLineStart = true;
    }

    /// <summary>Writes the parts of an interpolated line into the writer as the compiler hands them over.</summary>
    [InterpolatedStringHandler]
    public readonly struct LineHandler
    {
        private readonly SourceWriter _writer;

        public LineHandler(int literalLength, int formattedCount, SourceWriter writer)
        {
            _writer = writer;
        }

        public void AppendLiteral(string value) => _writer.Append(value);

        public void AppendFormatted(string? value) => _writer.Append(value);

        public void AppendFormatted<T>(T value) =>
            _writer.Append(value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value?.ToString());
    }
}
