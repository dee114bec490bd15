using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using IblCodegen.Model;
using IblCodegen.Parsing.Tree;

namespace IblCodegen.Parsing;

/// <summary>
/// The spec's own document, as JSON, for the operations a project uses: their path items (with only those
/// operations), the components they reach through <c>$ref</c>, every security scheme, and everything else at the top
/// level as written. What a service serves as its OpenAPI document: the spec's words, not a reconstruction of them.
/// </summary>
internal static class SpecDocumentSubset
{
    private static readonly HashSet<string> Methods = new(StringComparer.Ordinal) { "get", "put", "post", "delete", "options", "head", "patch", "trace", "query" };

    public static string Write(SpecObject document, EquatableArray<OperationSpec> operations, bool everything)
    {
        if (everything)
        {
            return SpecTreeJson.Write(document);
        }

        var root = JsonNode.Parse(SpecTreeJson.Write(document))!.AsObject();
        var kept = new HashSet<(string Path, string Method)>(operations.Select(o => (o.Path, o.Method.ToLowerInvariant())));
        if (root["paths"] is JsonObject paths)
        {
            foreach (var entry in paths.ToList())
            {
                var path = entry.Key;
                if (entry.Value is not JsonObject pathItem)
                {
                    continue;
                }

                foreach (var key in pathItem.Select(p => p.Key).Where(k => Methods.Contains(k) && !kept.Contains((path, k))).ToList())
                {
                    pathItem.Remove(key);
                }

                if (!pathItem.Any(p => Methods.Contains(p.Key)) && !pathItem.ContainsKey("$ref"))
                {
                    paths.Remove(path);
                }
            }
        }

        if (root["components"] is JsonObject components)
        {
            KeepReached(root, components);
        }

        return root.ToJsonString();
    }

    /// <summary>Keeps the components the paths (and what they reach, and so on) refer to; security schemes all.</summary>
    private static void KeepReached(JsonObject root, JsonObject components)
    {
        var reached = new HashSet<(string Kind, string Name)>();
        var pending = new Stack<JsonNode?>();
        foreach (var member in root)
        {
            if (member.Key != "components")
            {
                pending.Push(member.Value);
            }
        }

        if (components["securitySchemes"] is { } schemes)
        {
            pending.Push(schemes);
        }

        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case JsonObject node:
                    foreach (var member in node)
                    {
                        var (key, value) = (member.Key, member.Value);
                        if (key == "$ref" && value is JsonValue reference && reference.TryGetValue<string>(out var target)
                            && ComponentOf(target) is { } component && reached.Add(component)
                            && components[component.Kind] is JsonObject group && group[component.Name] is { } found)
                        {
                            pending.Push(found);
                        }
                        else
                        {
                            pending.Push(value);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        pending.Push(item);
                    }

                    break;
            }
        }

        foreach (var member in components.ToList())
        {
            var kind = member.Key;
            if (kind == "securitySchemes" || member.Value is not JsonObject entries)
            {
                continue;
            }

            foreach (var name in entries.Select(e => e.Key).Where(name => !reached.Contains((kind, name))).ToList())
            {
                entries.Remove(name);
            }

            if (entries.Count == 0)
            {
                components.Remove(kind);
            }
        }
    }

    /// <summary>
    /// The component a reference leads into, <c>#/components/{kind}/{name}</c>, kept whole even when the pointer goes
    /// deeper into it; null for any other reference.
    /// </summary>
    private static (string Kind, string Name)? ComponentOf(string pointer)
    {
        if (!pointer.StartsWith("#/components/", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = pointer.Substring("#/components/".Length).Split('/');
        return parts.Length >= 2 ? (JsonPointer.Unescape(parts[0]), JsonPointer.Unescape(parts[1])) : null;
    }
}
