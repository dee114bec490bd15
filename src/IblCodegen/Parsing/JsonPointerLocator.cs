using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using IblCodegen.Model;
using IblCodegen.Parsing.Tree;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace IblCodegen.Parsing;

/// <summary>
/// Finds the line and column of JSON pointers (<c>#/components/schemas/Foo</c>) in the spec's text.
/// </summary>
/// <remarks>
/// Positions are looked up only when diagnostics need them, all at once, by a second pass over the text that follows
/// only the paths leading to the pointers asked for and skips every other subtree without building it: a position
/// table for every node of a 2.7 MB spec would cost more than the rare diagnostic is worth, and a full second parse
/// (a YAML representation model) costs hundreds of milliseconds. JSON is YAML, so one walk serves both formats.
/// </remarks>
internal sealed class JsonPointerLocator
{
    /// <summary>Joins unescaped segments into a lookup key; a character no pointer segment contains.</summary>
    private const char Separator = '\u0001';

    private readonly string _filePath;
    private readonly string _text;
    private SpecNode? _tree;
    private string? _treeText;

    public JsonPointerLocator(string filePath, string text)
    {
        _filePath = filePath;
        _text = text;
    }

    /// <summary>
    /// The tree <see cref="BlockYamlReader"/> read, whose nodes know where they start (<see cref="SpecNode.Offset"/>)
    /// in <paramref name="textRead"/>, the text as it read it (line breaks as LF, no byte order mark): pointers are
    /// then found by walking the tree, with no second pass over the text.
    /// </summary>
    public void UseTree(SpecNode? tree, string textRead)
    {
        _tree = tree;
        _treeText = textRead;
    }

    /// <summary>The location of the node at <paramref name="pointer"/>, or of its nearest ancestor that exists.</summary>
    public LocationInfo Locate(string? pointer) => LocateAll([pointer])[pointer ?? string.Empty];

    /// <summary>The locations of several pointers, found in one pass (keys: the pointers as given, null as "").</summary>
    public Dictionary<string, LocationInfo> LocateAll(IEnumerable<string?> pointers)
    {
        var targets = pointers.Select(p => p ?? string.Empty).Distinct(StringComparer.Ordinal).ToList();
        if (targets.Count == 0)
        {
            // Nothing to place: no second pass over the text (a full pass over the 2.7 MB ibl spec costs ~150 ms).
            return new Dictionary<string, LocationInfo>(StringComparer.Ordinal);
        }

        if (_treeText is not null)
        {
            var offsets = new int[targets.Count];
            for (var i = 0; i < offsets.Length; i++)
            {
                offsets[i] = OffsetInTree(targets[i]);
            }

            var places = LinesAndColumns(_treeText, offsets);
            var located = new Dictionary<string, LocationInfo>(StringComparer.Ordinal);
            for (var i = 0; i < offsets.Length; i++)
            {
                var (line, column) = places[i];
                // The offsets are in the text as read (LF line breaks, no byte order mark): the file's own where they are the same text.
                located[targets[i]] = line < 0
                    ? LocationInfo.File(_filePath)
                    : new LocationInfo(_filePath, _treeText.Length == _text.Length ? offsets[i] : 0, 0, line, column, line, column);
            }

            return located;
        }

        var keysByTarget = targets.ToDictionary(t => t, t => Keys(t), StringComparer.Ordinal);
        var wanted = new HashSet<string>(keysByTarget.Values.SelectMany(k => k), StringComparer.Ordinal);
        var found = new Dictionary<string, LocationInfo>(StringComparer.Ordinal);
        try
        {
            var parser = new Parser(new StringReader(_text));
            parser.Consume<StreamStart>();
            if (parser.TryConsume<DocumentStart>(out _))
            {
                Visit(parser, string.Empty, wanted, found);
            }
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            // The text was read once already; if the second pass fails anyway, what was found so far stands.
        }

        var result = new Dictionary<string, LocationInfo>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            var keys = keysByTarget[target];
            var location = LocationInfo.File(_filePath);
            for (var i = keys.Count - 1; i >= 0; i--)
            {
                if (found.TryGetValue(keys[i], out var hit))
                {
                    location = hit;
                    break;
                }
            }

            result[target] = location;
        }

        return result;
    }

    /// <summary>YamlDotNet counts from 1 (and <see cref="Mark.Empty"/> from 0); Roslyn counts from 0.</summary>
    public LocationInfo At(Mark start, Mark end) =>
        new(
            _filePath,
            (int)Math.Max(0, start.Index),
            (int)Math.Max(0, end.Index - start.Index),
            ZeroBased(start.Line),
            ZeroBased(start.Column),
            ZeroBased(end.Line),
            ZeroBased(end.Column));

    private static int ZeroBased(long oneBased) => (int)Math.Max(0, oneBased - 1);

    /// <summary>Records the node at <paramref name="key"/>, then walks only into children on a wanted path.</summary>
    private void Visit(IParser parser, string key, HashSet<string> wanted, Dictionary<string, LocationInfo> found)
    {
        var current = parser.Current!;
        found[key] = At(current.Start, current.End);
        switch (current)
        {
            case MappingStart:
                parser.MoveNext();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyText = parser.Current is Scalar scalar ? scalar.Value : null;
                    Skip(parser);
                    var child = key + Separator + keyText;
                    if (keyText is not null && wanted.Contains(child))
                    {
                        Visit(parser, child, wanted, found);
                    }
                    else
                    {
                        Skip(parser);
                    }
                }

                break;

            case SequenceStart:
                parser.MoveNext();
                for (var index = 0; !parser.TryConsume<SequenceEnd>(out _); index++)
                {
                    var child = key + Separator + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (wanted.Contains(child))
                    {
                        Visit(parser, child, wanted, found);
                    }
                    else
                    {
                        Skip(parser);
                    }
                }

                break;

            default:
                parser.MoveNext();
                break;
        }
    }

    /// <summary>Moves past one node, however deep, without building it.</summary>
    private static void Skip(IParser parser)
    {
        var depth = 0;
        do
        {
            switch (parser.Current)
            {
                case MappingStart or SequenceStart:
                    depth++;
                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }

            parser.MoveNext();
        }
        while (depth > 0);
    }

    /// <summary>
    /// Walks the tree along the pointer as far as it goes: the offset of the deepest node reached that has one, or -1.
    /// </summary>
    private int OffsetInTree(string pointer)
    {
        var offset = -1;
        var node = _tree;
        var segments = Segments(pointer).GetEnumerator();
        while (node is not null)
        {
            if (node.Offset >= 0)
            {
                offset = node.Offset;
            }

            if (!segments.MoveNext())
            {
                break;
            }

            node = JsonPointer.Child(node, segments.Current);
        }

        return offset;
    }

    /// <summary>
    /// The zero-based line and column of each offset ((-1, -1) for -1), found in one pass over the text up to the last
    /// of them: a table of every line's start cost the 2.7 MB ibl spec a list of 92,000 entries, on the large object
    /// heap, for the one or two diagnostics it has.
    /// </summary>
    [MethodImpl(Compile.Optimized)]
    private static (int Line, int Column)[] LinesAndColumns(string text, int[] offsets)
    {
        var order = new int[offsets.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort((int[])offsets.Clone(), order);
        var places = new (int Line, int Column)[offsets.Length];
        int line = 0, lineStart = 0;
        foreach (var i in order)
        {
            var offset = offsets[i];
            if (offset < 0)
            {
                places[i] = (-1, -1);
                continue;
            }

            for (var next = text.IndexOf('\n', lineStart); next >= 0 && next < offset; next = text.IndexOf('\n', lineStart))
            {
                line++;
                lineStart = next + 1;
            }

            places[i] = (line, offset - lineStart);
        }

        return places;
    }

    /// <summary>The lookup keys of a pointer and of each of its ancestors, root first.</summary>
    private static List<string> Keys(string pointer)
    {
        var keys = new List<string> { string.Empty };
        var key = string.Empty;
        foreach (var segment in Segments(pointer))
        {
            key += Separator + segment;
            keys.Add(key);
        }

        return keys;
    }

    /// <summary>A pointer's segments, unescaped (<c>~1</c> is '/', <c>~0</c> is '~', and URI escapes).</summary>
    private static IEnumerable<string> Segments(string pointer)
    {
        var path = pointer.StartsWith("#", StringComparison.Ordinal) ? pointer.Substring(1) : pointer;
        path = path.Trim('/');
        if (path.Length == 0)
        {
            yield break;
        }

        foreach (var segment in path.Split('/'))
        {
            yield return JsonPointer.Unescape(segment);
        }
    }
}
