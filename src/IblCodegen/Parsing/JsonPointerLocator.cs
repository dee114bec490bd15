using System;
using System.IO;
using IblCodegen.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IblCodegen.Parsing;

/// <summary>
/// Finds the line and column of a JSON pointer (<c>#/components/schemas/Foo</c>) in the spec's text.
/// </summary>
/// <remarks>
/// Positions are looked up only when a diagnostic needs one, by parsing the text a second time: a position table
/// for every node of a 2.7 MB spec would cost more than the rare diagnostic is worth. JSON is YAML, so one walk
/// serves both formats.
/// </remarks>
internal sealed class JsonPointerLocator
{
    private readonly string _filePath;
    private readonly string _text;
    private YamlNode? _root;
    private bool _parsed;

    public JsonPointerLocator(string filePath, string text)
    {
        _filePath = filePath;
        _text = text;
    }

    /// <summary>The location of the node at <paramref name="pointer"/>, or of its nearest ancestor that exists.</summary>
    public LocationInfo Locate(string? pointer)
    {
        var node = Root;
        if (node is null)
        {
            return LocationInfo.File(_filePath);
        }

        foreach (var segment in Segments(pointer))
        {
            YamlNode? child = null;
            if (node is YamlMappingNode mapping)
            {
                foreach (var entry in mapping.Children)
                {
                    if (entry.Key is YamlScalarNode key && key.Value == segment)
                    {
                        child = entry.Value;
                        break;
                    }
                }
            }
            else if (node is YamlSequenceNode sequence && int.TryParse(segment, out var index) && index >= 0 && index < sequence.Children.Count)
            {
                child = sequence.Children[index];
            }

            if (child is null)
            {
                break;
            }

            node = child;
        }

        return At(node.Start, node.End);
    }

    /// <summary>YamlDotNet counts from 1 (and <see cref="Mark.Empty"/> from 0); Roslyn counts from 0.</summary>
    public LocationInfo At(Mark start, Mark end) =>
        new(_filePath, ZeroBased(start.Line), ZeroBased(start.Column), ZeroBased(end.Line), ZeroBased(end.Column));

    private static int ZeroBased(long oneBased) => (int)Math.Max(0, oneBased - 1);

    private YamlNode? Root
    {
        get
        {
            if (!_parsed)
            {
                _parsed = true;
                try
                {
                    var stream = new YamlStream();
                    stream.Load(new StringReader(_text));
                    _root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null;
                }
                catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException)
                {
                    _root = null;
                }
            }

            return _root;
        }
    }

    private static string[] Segments(string? pointer)
    {
        if (pointer is null)
        {
            return [];
        }

        var path = pointer.StartsWith("#", StringComparison.Ordinal) ? pointer.Substring(1) : pointer;
        path = path.Trim('/');
        if (path.Length == 0)
        {
            return [];
        }

        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = Uri.UnescapeDataString(segments[i]).Replace("~1", "/").Replace("~0", "~");
        }

        return segments;
    }
}
