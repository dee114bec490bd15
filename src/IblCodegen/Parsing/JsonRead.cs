using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IblCodegen.Parsing;

/// <summary>
/// Reads the spec's JSON tree leniently: a value of the wrong kind reads as absent, so the model never trips over
/// it. <see cref="DocumentChecks"/> is where such values are reported.
/// </summary>
internal static class JsonRead
{
    /// <summary>A string value.</summary>
    public static string? String(JsonObject node, string key) =>
        node.TryGetPropertyValue(key, out var value) && value is JsonValue text && text.GetValueKind() == JsonValueKind.String ? text.GetValue<string>() : null;

    /// <summary>Prose or a name: a string, or a plain number or boolean YAML wrote without quotes (<c>version: 1.0</c>), as written.</summary>
    public static string? Text(JsonObject node, string key) => node.TryGetPropertyValue(key, out var value) ? Scalar(value) : null;

    /// <summary>A string, number or boolean as text; null for anything else.</summary>
    public static string? Scalar(JsonNode? node) => node is JsonValue scalar
        ? scalar.GetValueKind() switch
        {
            JsonValueKind.String => scalar.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => scalar.ToJsonString(),
            _ => null,
        }
        : null;

    /// <summary>True only for a JSON <c>true</c>.</summary>
    public static bool Flag(JsonObject node, string key) =>
        node.TryGetPropertyValue(key, out var value) && value is JsonValue flag && flag.GetValueKind() == JsonValueKind.True;

    /// <summary>A boolean, or null when absent or not a boolean.</summary>
    public static bool? Boolean(JsonObject node, string key) =>
        node.TryGetPropertyValue(key, out var value) && value is JsonValue flag
            ? flag.GetValueKind() switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null }
            : null;

    /// <summary>An integer that fits in an <see cref="int"/>.</summary>
    public static int? Int(JsonObject node, string key) =>
        node.TryGetPropertyValue(key, out var value) && value is JsonValue number && number.GetValueKind() == JsonValueKind.Number
        && int.TryParse(number.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result)
            ? result
            : null;

    public static JsonObject? Object(JsonObject node, string key) => node.TryGetPropertyValue(key, out var value) ? value as JsonObject : null;

    public static JsonArray? Array(JsonObject node, string key) => node.TryGetPropertyValue(key, out var value) ? value as JsonArray : null;

    /// <summary>The kind of a value, with a C# null standing for JSON null.</summary>
    public static JsonValueKind Kind(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;
}
