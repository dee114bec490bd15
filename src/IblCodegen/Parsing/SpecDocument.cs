using System;
using System.Collections.Generic;
using IblCodegen.Parsing.Tree;

namespace IblCodegen.Parsing;

/// <summary>
/// The spec as the JSON tree it was read into, with what the model builder asks of it: the top-level sections,
/// local <c>$ref</c>s followed, and one <see cref="SchemaNode"/> per schema object, so that a schema reached twice
/// (a shared parameter, say) is the same schema both times.
/// </summary>
internal sealed class SpecDocument
{
    private readonly SpecObject? _componentSchemas;

    public SpecDocument(SpecObject root)
    {
        Root = root;
        Components = LenientRead.Object(root, "components");
        _componentSchemas = Components is null ? null : LenientRead.Object(Components, "schemas");
        EmptySchema = new SchemaNode(this, new SpecObject([], []));
    }

    public SpecObject Root { get; }

    public SpecObject? Components { get; }

    /// <summary>Stands in for a schema the document leaves out or writes as null: a schema that allows anything.</summary>
    public SchemaNode EmptySchema { get; }

    /// <summary>The view of a schema object, created once per node.</summary>
    public SchemaNode Schema(SpecObject node)
    {
        // Kept on the node: a lookup by identity for each schema reached cost a cold build some 30 ms.
        return node.SchemaView(this);
    }

    /// <summary>A component schema by name; a component written as null allows anything.</summary>
    public SchemaNode? ComponentSchema(string id)
    {
        if (_componentSchemas is null || !_componentSchemas.TryGetPropertyValue(id, out var node))
        {
            return null;
        }

        return node is SpecObject schema ? Schema(schema) : EmptySchema;
    }

    /// <summary>
    /// Follows a <c>$ref</c> to an object of the document (a parameter, body, response or path item), through
    /// references to references; returns the object itself when it is not a reference, and null when the
    /// reference leads nowhere, outside the document or round in a circle. <paramref name="target"/> is the last
    /// reference followed.
    /// </summary>
    public SpecObject? Resolve(SpecObject node, out string? target)
    {
        target = null;
        var visited = new HashSet<string>(StringComparer.Ordinal);
        while (LenientRead.String(node, "$ref") is { } reference)
        {
            target = reference;
            if (!visited.Add(reference) || Find(reference) is not SpecObject next)
            {
                return null;
            }

            node = next;
        }

        return node;
    }

    /// <summary>The node at a local pointer (<c>#/a/b~1c</c>, segments escaped as RFC 6901 says), or null.</summary>
    public SpecNode? Find(string pointer)
    {
        if (!pointer.StartsWith("#", StringComparison.Ordinal))
        {
            return null;
        }

        SpecNode? node = Root;
        var start = pointer.StartsWith("#/", StringComparison.Ordinal) ? 2 : pointer.Length;
        while (node is not null && start < pointer.Length)
        {
            var end = pointer.IndexOf('/', start);
            if (end < 0)
            {
                end = pointer.Length;
            }

            node = JsonPointer.Child(node, JsonPointer.Unescape(pointer.Substring(start, end - start)));
            start = end + 1;
        }

        return node;
    }
}
