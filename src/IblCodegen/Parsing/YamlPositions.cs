using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace IblCodegen.Parsing;

/// <summary>
/// Where each node of a tree read by <see cref="BlockYamlReader"/> starts in the text, so that diagnostics can point
/// at a line without reading the text a second time.
/// </summary>
/// <remarks>
/// The reader notes an offset per node in a plain list, in reading order; the map from node to offset is built the
/// first time a diagnostic asks for a place. Most documents have no diagnostic at all, and hashing every node of
/// the 2.7 MB ibl spec by identity as it was read cost a cold build about 50 of the read's 240 ms. A second pass with
/// YamlDotNet, the alternative, costs about half a second.
/// </remarks>
internal sealed class YamlPositions
{
    private readonly string _text;
    private readonly List<(JsonNode Node, int Offset)> _noted = [];
    private Dictionary<JsonNode, int>? _offsets;
    private List<int>? _lineStarts;

    public YamlPositions(string text) => _text = text;

    public void Add(JsonNode node, int offset) => _noted.Add((node, offset));

    /// <summary>The zero-based line and column where <paramref name="node"/> starts, if this tree has it.</summary>
    public bool TryGetStart(JsonNode node, out int line, out int column)
    {
        line = column = 0;
        if (_offsets is null)
        {
            // A node noted twice keeps its last offset, as the reader's last word on it.
            _offsets = new Dictionary<JsonNode, int>(_noted.Count, ReferenceComparer<JsonNode>.Instance);
            foreach (var (noted, start) in _noted)
            {
                _offsets[noted] = start;
            }
        }

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
