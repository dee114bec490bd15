using System.Text.Json.Nodes;
using IblCodegen.Parsing;

namespace IblCodegen.Tests.Infrastructure;

/// <summary>Rewrites of a spec's JSON tree (System.Text.Json's, not the generator's) for tests that vary a document.</summary>
internal static class SpecTransforms
{
    /// <summary>A YAML or JSON spec as a JSON tree.</summary>
    public static JsonNode ToJson(string specText) =>
        JsonNode.Parse(YamlTreeReader.Read(specText, CancellationToken.None)!.ToJsonString())!;

    /// <summary>
    /// Replaces every <c>{ $ref: '#/components/schemas/…' }</c> that stands for a schema of its own (a property, items, a
    /// parameter's or a body's schema) with <paramref name="wrap"/>'s wrapper around it; returns the tree for chaining.
    /// References to other component kinds (parameters, responses) are left alone: no wrapper is valid there.
    /// </summary>
    public static JsonNode WrapReferences(JsonNode root, Func<JsonObject, JsonNode> wrap)
    {
        var pending = new Stack<JsonNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case JsonObject obj:
                    foreach (var key in obj.Select(p => p.Key).ToList())
                    {
                        if (obj[key] is { } child)
                        {
                            if (IsSchemaReference(child))
                            {
                                obj[key] = wrap((JsonObject)child.DeepClone());
                            }
                            else
                            {
                                pending.Push(child);
                            }
                        }
                    }

                    break;
                case JsonArray array:
                    // A reference listed in allOf/oneOf/anyOf is already a part of a composition (a base class, a
                    // subtype), where a wrapper would change what it means: only the items below it are visited.
                    foreach (var item in array)
                    {
                        if (item is not null && !IsSchemaReference(item))
                        {
                            pending.Push(item);
                        }
                    }

                    break;
            }
        }

        return root;
    }

    private static bool IsSchemaReference(JsonNode node) =>
        node is JsonObject { Count: 1 } obj
        && obj["$ref"] is JsonValue value
        && value.TryGetValue<string>(out var target)
        && target.StartsWith("#/components/schemas/", StringComparison.Ordinal);
}
