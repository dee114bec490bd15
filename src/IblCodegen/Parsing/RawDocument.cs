using System;
using System.Text.Json.Nodes;

namespace IblCodegen.Parsing;

/// <summary>
/// The spec as the JSON tree it was read into, for the few facts Microsoft.OpenApi does not keep:
/// OpenAPI 3.0's <c>nullable: true</c> beside <c>allOf</c>/<c>oneOf</c> without a <c>type</c> is dropped by its reader,
/// yet drf-spectacular writes exactly that for every nullable reference.
/// </summary>
internal sealed class RawDocument
{
    private readonly JsonNode _root;

    public RawDocument(JsonNode root) => _root = root;

    /// <summary>The node at a pointer this generator built (segments unescaped), or null.</summary>
    public JsonNode? Find(string pointer)
    {
        JsonNode? node = _root;
        var start = pointer.StartsWith("#/", StringComparison.Ordinal) ? 2 : 0;
        while (node is not null && start < pointer.Length)
        {
            var end = pointer.IndexOf('/', start);
            if (end < 0)
            {
                end = pointer.Length;
            }

            node = JsonPointer.Child(node, pointer.Substring(start, end - start).Replace("~1", "/").Replace("~0", "~"));
            start = end + 1;
        }

        return node;
    }

    /// <summary>True when the schema at <paramref name="pointer"/> says <c>nullable: true</c> (OpenAPI 3.0) or <c>x-nullable: true</c> (Swagger 2.0).</summary>
    public bool IsMarkedNullable(string pointer) =>
        Find(pointer) is JsonObject schema
        && (IsTrue(schema, "nullable") || IsTrue(schema, "x-nullable"));

    private static bool IsTrue(JsonObject schema, string key) =>
        schema.TryGetPropertyValue(key, out var value)
        && value is JsonValue flag
        && flag.TryGetValue<bool>(out var result)
        && result;
}
