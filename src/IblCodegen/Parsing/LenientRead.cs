using System.Globalization;
using System.Text.Json;
using IblCodegen.Parsing.Tree;

namespace IblCodegen.Parsing;

/// <summary>
/// Reads fields of the spec tree leniently: a value of the wrong kind reads as absent, so the model never trips over
/// it. <see cref="DocumentChecks"/> is where such values are reported.
/// </summary>
internal static class LenientRead
{
    /// <summary>A string value.</summary>
    public static string? String(SpecObject node, string key) =>
        node.TryGetPropertyValue(key, out var value) && value is SpecValue text && text.GetValueKind() == JsonValueKind.String ? text.Text : null;

    /// <summary>Prose or a name: a string, or a plain number or boolean YAML wrote without quotes (<c>version: 1.0</c>), as written.</summary>
    public static string? Text(SpecObject node, string key) => node.TryGetPropertyValue(key, out var value) ? Scalar(value) : null;

    /// <summary>A string, number or boolean as text; null for anything else.</summary>
    public static string? Scalar(SpecNode? node) => (node as SpecValue)?.Text;

    /// <summary>True only for a JSON <c>true</c>.</summary>
    public static bool Flag(SpecObject node, string key) =>
        node.TryGetPropertyValue(key, out var value) && value is SpecValue flag && flag.GetValueKind() == JsonValueKind.True;

    /// <summary>A boolean, or null when absent or not a boolean.</summary>
    public static bool? Boolean(SpecObject node, string key) =>
        node.TryGetPropertyValue(key, out var value) && value is SpecValue flag
            ? flag.GetValueKind() switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null }
            : null;

    /// <summary>An integer that fits in an <see cref="int"/>.</summary>
    public static int? Int(SpecObject node, string key) =>
        node.TryGetPropertyValue(key, out var value) && value is SpecValue number && number.GetValueKind() == JsonValueKind.Number
        && int.TryParse(number.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result)
            ? result
            : null;

    public static SpecObject? Object(SpecObject node, string key) => node.TryGetPropertyValue(key, out var value) ? value as SpecObject : null;

    public static SpecArray? Array(SpecObject node, string key) => node.TryGetPropertyValue(key, out var value) ? value as SpecArray : null;

    /// <summary>The kind of a value, with a C# null standing for JSON null.</summary>
    public static JsonValueKind Kind(SpecNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;
}
