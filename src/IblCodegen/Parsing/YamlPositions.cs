using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace IblCodegen.Parsing;

/// <summary>
/// Where each node of a tree read by <see cref="BlockYamlReader"/> starts in the text, so that diagnostics can point
/// at a line without reading the text a second time.
/// </summary>
/// <remarks>
/// Noting an offset per node costs a few milliseconds on the 2.7 MB ibl spec; a second pass with YamlDotNet, the
/// alternative for the rare diagnostic, costs about half a second on a cold start.
/// </remarks>
internal sealed class YamlPositions
{
    private readonly string _text;
    private readonly Dictionary<JsonNode, int> _offsets = new(ReferenceComparer<JsonNode>.Instance);
    private List<int>? _lineStarts;

    public YamlPositions(string text) => _text = text;

    public void Add(JsonNode node, int offset) => _offsets[node] = offset;

    /// <summary>The zero-based line and column where <paramref name="node"/> starts, if this tree has it.</summary>
    public bool TryGetStart(JsonNode node, out int line, out int column)
    {
        line = column = 0;
        if (!_offsets.TryGetValue(node, out var offset))
        {
            return false;
        }

        var lineStarts = _lineStarts ??= FindLineStarts(_text);
        var index = lineStarts.BinarySearch(offset);
        line = index >= 0 ? index : ~index - 1;
        column = offset - lineStarts[line];
        return true;
    }

    private static List<int> FindLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            starts.Add(i + 1);
        }

        return starts;
    }
}
