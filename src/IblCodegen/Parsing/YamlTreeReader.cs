using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using IblCodegen.Parsing.Tree;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace IblCodegen.Parsing;

/// <summary>
/// Reads a YAML document into the generator's tree of <see cref="SpecNode"/>s (the tree a JSON document is read into too).
/// </summary>
/// <remarks>
/// The block YAML that spec tools write is read by <see cref="BlockYamlReader"/>, which is several times faster on a
/// cold start; whatever it declines comes here. This path works on YamlDotNet's event stream rather than its
/// representation model: one pass, no intermediate tree.
/// Plain scalars are typed by the YAML 1.2 core schema (null, booleans, integers, floats); quoted scalars stay strings.
/// Depth and alias expansion are bounded so a hostile file cannot exhaust the compiler's stack or memory.
/// </remarks>
internal sealed class YamlTreeReader
{
    /// <summary>Deeper than any real OpenAPI document; deep enough that the compiler's stack is never at risk.</summary>
    public const int MaxDepth = 128;

    /// <summary>Caps alias expansion ("billion laughs"): far above the 2.7 MB ibl spec's node count.</summary>
    private const int MaxNodes = 5_000_000;

    private readonly IParser _parser;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<string, (SpecNode? Node, int Size)> _anchors = new(StringComparer.Ordinal);
    private readonly SpecTreeBuilder _tree = new();
    private int _nodeCount;

    private YamlTreeReader(IParser parser, CancellationToken cancellationToken)
    {
        _parser = parser;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Reads the first document of <paramref name="yaml"/>; null when the text holds no document.</summary>
    /// <exception cref="YamlException">The text is not valid YAML, or exceeds the depth or size bounds.</exception>
    public static SpecNode? Read(string yaml, CancellationToken cancellationToken) => Read(yaml, cancellationToken, out _);

    /// <summary>
    /// Reads the first document; <paramref name="offsetsText"/> is the text the node offsets refer to when the
    /// fast <see cref="BlockYamlReader"/> read it, and null when YamlDotNet did (its path notes no offsets).
    /// </summary>
    public static SpecNode? Read(string yaml, CancellationToken cancellationToken, out string? offsetsText)
    {
        if (BlockYamlReader.TryRead(yaml, cancellationToken, out var root, out var textRead))
        {
            offsetsText = textRead;
            return root;
        }

        offsetsText = null;
        return ReadWithYamlDotNet(yaml, cancellationToken);
    }

    /// <summary>The general path: any YAML YamlDotNet reads, and the error positions for what it cannot.</summary>
    internal static SpecNode? ReadWithYamlDotNet(string yaml, CancellationToken cancellationToken)
    {
        var parser = new TrackingParser(new Parser(new StringReader(yaml)));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = new YamlTreeReader(parser, cancellationToken).ReadNode(depth: 0);
            parser.Consume<DocumentEnd>();
            return root;
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner throws this (not a YamlException) on some malformed input, e.g. an unclosed
            // flow sequence. Report it where parsing stopped.
            throw new YamlException(parser.LastGood, parser.LastGood, $"The YAML is malformed after this point ({ex.Message})");
        }
    }

    private SpecNode? ReadNode(int depth)
    {
        var current = _parser.Current ?? throw new YamlException("Unexpected end of the YAML stream.");
        if (depth > MaxDepth)
        {
            throw new YamlException(current.Start, current.End, $"The document is nested deeper than {MaxDepth} levels.");
        }

        var countBefore = _nodeCount;
        CountNodes(current, 1);

        switch (current)
        {
            case AnchorAlias alias:
                _parser.MoveNext();
                if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    throw new YamlException(alias.Start, alias.End, $"The alias '*{alias.Value}' has no anchor.");
                }

                // Each use of an alias stands for its anchor's whole tree, which later passes walk once per use: it
                // counts toward the cap as if copied. The node itself is shared, not copied (the tree is read-only):
                // a schema written once and aliased many times is then one schema, which the model declares as one
                // type, so the output grows with the text and not with the expansion.
                CountNodes(alias, target.Size);
                return target.Node;

            case Scalar scalar:
                _parser.MoveNext();
                return Remember(scalar.Anchor, ConvertScalar(scalar), countBefore);

            case SequenceStart sequenceStart:
            {
                _parser.MoveNext();
                _tree.BeginArray();
                while (!_parser.TryConsume<SequenceEnd>(out _))
                {
                    _tree.AddItem(ReadNode(depth + 1));
                }

                return Remember(sequenceStart.Anchor, _tree.EndArray(), countBefore);
            }

            case MappingStart mappingStart:
            {
                _parser.MoveNext();
                _tree.BeginObject();
                while (!_parser.TryConsume<MappingEnd>(out _))
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    var keyEvent = _parser.Current!;
                    var key = ReadNode(depth + 1) switch
                    {
                        SpecValue scalarKey => scalarKey.Text,
                        null => "null",
                        _ => throw new YamlException(keyEvent.Start, keyEvent.End, "Only scalar mapping keys can be represented in JSON."),
                    };

                    if (!_tree.TryAdd(key, ReadNode(depth + 1)))
                    {
                        throw new YamlException(keyEvent.Start, keyEvent.End, $"The key '{key}' appears twice in the same mapping.");
                    }
                }

                return Remember(mappingStart.Anchor, _tree.EndObject(), countBefore);
            }

            default:
                throw new YamlException(current.Start, current.End, $"Unexpected YAML event {current.GetType().Name}.");
        }
    }

    private void CountNodes(ParsingEvent current, int count)
    {
        _nodeCount += count;
        if (_nodeCount > MaxNodes)
        {
            throw new YamlException(current.Start, current.End, $"The document expands to more than {MaxNodes} nodes.");
        }
    }

    private SpecNode? Remember(AnchorName anchor, SpecNode? node, int countBefore)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = (node, _nodeCount - countBefore);
        }

        return node;
    }

    /// <summary>The YAML 1.2 core schema for plain scalars; anything quoted or explicitly tagged as a string stays a string.</summary>
    private static SpecNode? ConvertScalar(Scalar scalar)
    {
        return scalar.Style != ScalarStyle.Plain || scalar.Tag == "tag:yaml.org,2002:str"
            ? SpecValue.String(scalar.Value)
            : ConvertPlain(scalar.Value);
    }

    /// <summary>True when <see cref="ConvertPlain"/> would give <paramref name="text"/> back as a string.</summary>
    internal static bool IsPlainString(string text) =>
        text.Length > 0
        && !LooksNumeric(text)
        && text is not ("~" or "null" or "Null" or "NULL" or "true" or "True" or "TRUE" or "false" or "False" or "FALSE");

    /// <summary>A plain (unquoted, untagged) scalar by the YAML 1.2 core schema.</summary>
    internal static SpecNode? ConvertPlain(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return SpecValue.Boolean(true);
            case "false" or "False" or "FALSE":
                return SpecValue.Boolean(false);
        }

        if (LooksNumeric(text))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                return SpecValue.Number(integer.ToString(CultureInfo.InvariantCulture));
            }

            if (text.StartsWith("0x", StringComparison.Ordinal)
                && long.TryParse(text.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            {
                return SpecValue.Number(hex.ToString(CultureInfo.InvariantCulture));
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
            {
                // Kept as written where JSON allows it, so "1.50" keeps its spelling for readers that ask for the
                // raw value (info.version: 1.0 must not become "1"); otherwise ("01.5") as the shortest round trip.
                var normalized = NormalizeFloat(text);
                return SpecValue.Number(IsJsonNumber(normalized) ? normalized : real.ToString("R", CultureInfo.InvariantCulture));
            }
        }

        return SpecValue.String(text);
    }

    /// <summary>JSON's number grammar: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>.</summary>
    private static bool IsJsonNumber(string text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        if (i < text.Length && text[i] == '0')
        {
            i++;
        }
        else if (!Digits(text, ref i))
        {
            return false;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            if (!Digits(text, ref i))
            {
                return false;
            }
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            if (!Digits(text, ref i))
            {
                return false;
            }
        }

        return i == text.Length;

        static bool Digits(string text, ref int i)
        {
            var start = i;
            while (i < text.Length && text[i] is >= '0' and <= '9')
            {
                i++;
            }

            return i > start;
        }
    }

    private static bool LooksNumeric(string text)
    {
        var c = text[0];
        return char.IsDigit(c) || ((c is '-' or '+' or '.') && text.Length > 1 && (char.IsDigit(text[1]) || text[1] == '.'));
    }

    /// <summary>YAML allows "+1.5", ".5" and "1."; JSON does not.</summary>
    private static string NormalizeFloat(string text)
    {
        var value = text.TrimStart('+');
        if (value.StartsWith(".", StringComparison.Ordinal))
        {
            value = "0" + value;
        }
        else if (value.StartsWith("-.", StringComparison.Ordinal))
        {
            value = "-0" + value.Substring(1);
        }

        if (value.EndsWith(".", StringComparison.Ordinal))
        {
            value += "0";
        }

        return value.Replace(".e", ".0e").Replace(".E", ".0E");
    }

    /// <summary>Remembers where the last event ended, to place errors the parser reports without a position.</summary>
    private sealed class TrackingParser(IParser inner) : IParser
    {
        public ParsingEvent? Current => inner.Current;

        public Mark LastGood { get; private set; } = Mark.Empty;

        public bool MoveNext()
        {
            if (inner.Current is { } current)
            {
                LastGood = current.End;
            }

            return inner.MoveNext();
        }
    }
}
