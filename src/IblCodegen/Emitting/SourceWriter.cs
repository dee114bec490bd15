using System;
using System.Text;

namespace IblCodegen.Emitting;

/// <summary>
/// Writes C# with indentation, in the manner of dotnet/runtime's SourceWriter: every line written through it is
/// indented to the current depth, multi-line text is re-indented line by line, and line endings are always "\n"
/// so output is byte-identical on every machine.
/// </summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new();
    private int _indentation;

    public int Indentation
    {
        get => _indentation;
        set => _indentation = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public void WriteLine()
    {
        _builder.Append('\n');
    }

    /// <summary>Writes <paramref name="text"/>, each of its lines at the current indentation.</summary>
    public void WriteLine(string text)
    {
        var start = 0;
        while (true)
        {
            // Appended in place, not cut out first: the emitters write a hundred thousand lines for a large spec.
            var end = text.IndexOf('\n', start);
            var length = (end < 0 ? text.Length : end) - start;
            while (length > 0 && text[start + length - 1] == '\r')
            {
                length--;
            }

            if (length > 0)
            {
                for (var i = 0; i < _indentation; i++)
                {
                    _builder.Append(IndentUnit);
                }

                _builder.Append(text, start, length);
            }

            _builder.Append('\n');
            if (end < 0)
            {
                return;
            }

            start = end + 1;
        }
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
        WriteLine("}" + suffix);
    }

    /// <summary>The text written; the writer must be back at indentation 0, or an emitter lost a brace.</summary>
    public override string ToString()
    {
        if (_indentation != 0)
        {
            throw new InvalidOperationException($"Unbalanced indentation ({_indentation}) at the end of a generated file.");
        }

        return _builder.ToString();
    }
}
