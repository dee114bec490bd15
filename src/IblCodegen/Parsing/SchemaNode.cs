using System;
using System.Collections.Generic;
using System.Text.Json;
using IblCodegen.Parsing.Tree;

namespace IblCodegen.Parsing;

/// <summary>The JSON Schema types, as flags: OpenAPI 3.1 allows several at once (<c>type: [string, "null"]</c>).</summary>
[Flags]
internal enum SchemaTypes
{
    Null = 1,
    Boolean = 2,
    Integer = 4,
    Number = 8,
    String = 16,
    Object = 32,
    Array = 64,
}

/// <summary>
/// A schema as written in the spec's JSON tree, read on demand: only the keywords the model needs, each read once.
/// A <c>$ref</c> answers for the schema it names (its own <c>description</c> aside), so callers ask the same
/// questions of both. Values of the wrong kind read as absent; <see cref="DocumentChecks"/> reports them.
/// </summary>
internal sealed class SchemaNode
{
    private const string ComponentPrefix = "#/components/schemas/";

    private readonly SpecDocument _document;
    private readonly SpecObject _node;
    private SchemaNode? _definition;
    private bool _definitionResolved;
    private SchemaTypes? _type;
    private bool _typeRead;
    private IReadOnlyList<KeyValuePair<string, SchemaNode>>? _properties;
    private HashSet<string>? _required;

    public SchemaNode(SpecDocument document, SpecObject node)
    {
        _document = document;
        _node = node;
        if (node.TryGetPropertyValue("$ref", out var reference) && reference is SpecValue value && value.GetValueKind() == JsonValueKind.String)
        {
            Reference = value.Text;
            ReferenceId = ComponentId(Reference);
        }
    }

    /// <summary>The <c>$ref</c> this schema is, if it is one.</summary>
    public string? Reference { get; }

    /// <summary>The component a <c>#/components/schemas/{id}</c> reference names.</summary>
    public string? ReferenceId { get; }

    public bool IsReference => Reference is not null;

    /// <summary>The component schema a component reference names (which may itself be a reference); null when there is none.</summary>
    public SchemaNode? Target => ReferenceId is { } id ? _document.ComponentSchema(id) : null;

    /// <summary>Where the keywords are read: this schema, or the end of its chain of references (null when it breaks or loops).</summary>
    private SchemaNode? Definition
    {
        get
        {
            if (_definitionResolved)
            {
                return _definition;
            }

            if (!IsReference)
            {
                _definitionResolved = true;
                _definition = this;
                return this;
            }

            // Only a reference has a chain to walk, and only a chain can loop. Every reference met on the way learns
            // the same end, so a chain of n references costs n steps, not n steps for each of them.
            var chain = new List<SchemaNode>();
            var visited = new HashSet<SchemaNode>();
            SchemaNode? end = this;
            while (end is not null)
            {
                if (end._definitionResolved)
                {
                    end = end._definition;
                    break;
                }

                if (!end.IsReference)
                {
                    break;
                }

                if (!visited.Add(end))
                {
                    end = null;
                    break;
                }

                chain.Add(end);
                end = end.Target;
            }

            foreach (var node in chain)
            {
                node._definition = end;
                node._definitionResolved = true;
            }

            return end;
        }
    }

    /// <summary>
    /// The components this schema's subtree refers to (<c>#/components/schemas/{id}</c>), in document order, with
    /// repeats. Walked with a stack of its own rather than by recursion.
    /// </summary>
    public IEnumerable<string> ReferencedComponents()
    {
        var pending = new Stack<SpecNode>();
        pending.Push(_node);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case SpecObject obj:
                    for (var i = obj.Count - 1; i >= 0; i--)
                    {
                        if (obj.ValueAt(i) is { } value)
                        {
                            if (obj.KeyAt(i) == "$ref" && value is SpecValue text && text.GetValueKind() == JsonValueKind.String)
                            {
                                if (ComponentId(text.Text) is { } id)
                                {
                                    yield return id;
                                }
                            }
                            else
                            {
                                pending.Push(value);
                            }
                        }
                    }

                    break;
                case SpecArray array:
                    for (var i = array.Count - 1; i >= 0; i--)
                    {
                        if (array[i] is { } item)
                        {
                            pending.Push(item);
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>The component a <c>$ref</c> names, when it names a whole component schema.</summary>
    private static string? ComponentId(string reference) =>
        reference.StartsWith(ComponentPrefix, StringComparison.Ordinal) && reference.IndexOf('/', ComponentPrefix.Length) < 0
            ? reference.Substring(ComponentPrefix.Length).Replace("~1", "/").Replace("~0", "~")
            : null;

    /// <summary>The declared types; OpenAPI 3.0's <c>nullable: true</c> adds null to a declared type, as the 3.1 form says it.</summary>
    public SchemaTypes? Type
    {
        get
        {
            if (Definition is not { } definition)
            {
                return null;
            }

            if (!definition._typeRead)
            {
                definition._typeRead = true;
                definition._type = ReadType(definition._node);
            }

            return definition._type;
        }
    }

    public string? Format => String("format");

    public string? Description =>
        IsReference && LenientRead.Text(_node, "description") is { Length: > 0 } own ? own : Text("description");

    public bool ReadOnly => Flag("readOnly");

    public bool WriteOnly => Flag("writeOnly");

    public bool Deprecated => Flag("deprecated");

    public int? MinLength => Definition is { } definition ? LenientRead.Int(definition._node, "minLength") : null;

    public SpecNode? Default => Definition?._node["default"];

    /// <summary>The values of <c>enum</c>; null when there is none.</summary>
    public SpecArray? Enum => Definition?._node["enum"] as SpecArray;

    public SchemaNode? Items => Child("items");

    /// <summary>The schema of <c>additionalProperties</c>; null when absent or a plain <c>true</c>/<c>false</c>.</summary>
    public SchemaNode? AdditionalProperties => Child("additionalProperties");

    public IReadOnlyList<SchemaNode?>? AllOf => List("allOf");

    public IReadOnlyList<SchemaNode?>? OneOf => List("oneOf");

    public IReadOnlyList<SchemaNode?>? AnyOf => List("anyOf");

    /// <summary>The properties in written order; a property without a schema object (<c>name: ~</c>, <c>true</c>) allows anything.</summary>
    public IReadOnlyList<KeyValuePair<string, SchemaNode>>? Properties
    {
        get
        {
            if (Definition is not { } definition || definition._node["properties"] is not SpecObject properties)
            {
                return null;
            }

            if (definition._properties is null)
            {
                var list = new List<KeyValuePair<string, SchemaNode>>(properties.Count);
                foreach (var pair in properties)
                {
                    list.Add(new(pair.Key, pair.Value is SpecObject schema ? _document.Schema(schema) : _document.EmptySchema));
                }

                definition._properties = list;
            }

            return definition._properties;
        }
    }

    public SchemaNode? Property(string name)
    {
        if (Properties is { } properties)
        {
            foreach (var pair in properties)
            {
                if (pair.Key == name)
                {
                    return pair.Value;
                }
            }
        }

        return null;
    }

    /// <summary>The names listed in <c>required</c>.</summary>
    public HashSet<string> Required
    {
        get
        {
            if (Definition is not { } definition)
            {
                return [];
            }

            if (definition._required is null)
            {
                definition._required = new HashSet<string>(StringComparer.Ordinal);
                if (definition._node["required"] is SpecArray names)
                {
                    foreach (var name in names)
                    {
                        if (name is SpecValue value && value.GetValueKind() == JsonValueKind.String)
                        {
                            definition._required.Add(value.Text);
                        }
                    }
                }
            }

            return definition._required;
        }
    }

    /// <summary>The discriminator's property name, when there is a usable one.</summary>
    public string? DiscriminatorProperty =>
        Definition?._node["discriminator"] is SpecObject discriminator && LenientRead.String(discriminator, "propertyName") is { Length: > 0 } name ? name : null;

    /// <summary><c>discriminator.mapping</c>: each value with the component it selects, in written order.</summary>
    public IEnumerable<KeyValuePair<string, string>> DiscriminatorMapping()
    {
        if (Definition?._node["discriminator"] is SpecObject discriminator && discriminator["mapping"] is SpecObject mapping)
        {
            foreach (var pair in mapping)
            {
                if (pair.Value is SpecValue target && target.GetValueKind() == JsonValueKind.String)
                {
                    // A mapping names a schema by reference or, in the short form, by its component name.
                    var text = target.Text;
                    var id = text.StartsWith(ComponentPrefix, StringComparison.Ordinal) ? text.Substring(ComponentPrefix.Length) : text;
                    yield return new(pair.Key, id);
                }
            }
        }
    }

    /// <summary><c>nullable: true</c> (OpenAPI 3.0) or <c>x-nullable: true</c> (Swagger 2.0) written on this very schema.</summary>
    public bool IsMarkedNullable => LenientRead.Flag(_node, "nullable") || LenientRead.Flag(_node, "x-nullable");

    private static SchemaTypes? ReadType(SpecObject node)
    {
        SchemaTypes? types = node["type"] switch
        {
            SpecValue single when single.GetValueKind() == JsonValueKind.String => Parse(single.Text),
            SpecArray several => ParseAll(several),
            _ => null,
        };

        if (types is { } declared && LenientRead.Flag(node, "nullable"))
        {
            return declared | SchemaTypes.Null;
        }

        return types;
    }

    private static SchemaTypes? ParseAll(SpecArray names)
    {
        SchemaTypes? result = null;
        foreach (var name in names)
        {
            if (name is SpecValue value && value.GetValueKind() == JsonValueKind.String && Parse(value.Text) is { } type)
            {
                result = (result ?? 0) | type;
            }
        }

        return result;
    }

    /// <summary>A JSON Schema type name; null for one that is not (reported by the checks).</summary>
    public static SchemaTypes? Parse(string name) => name switch
    {
        "null" => SchemaTypes.Null,
        "boolean" => SchemaTypes.Boolean,
        "integer" => SchemaTypes.Integer,
        "number" => SchemaTypes.Number,
        "string" => SchemaTypes.String,
        "object" => SchemaTypes.Object,
        "array" => SchemaTypes.Array,
        _ => null,
    };

    private SchemaNode? Child(string keyword) =>
        Definition?._node[keyword] is SpecObject child ? _document.Schema(child) : null;

    private IReadOnlyList<SchemaNode?>? List(string keyword)
    {
        if (Definition?._node[keyword] is not SpecArray items)
        {
            return null;
        }

        var list = new SchemaNode?[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            list[i] = items[i] is SpecObject item ? _document.Schema(item) : null;
        }

        return list;
    }

    private string? String(string keyword) => Definition is { } definition ? LenientRead.String(definition._node, keyword) : null;

    private string? Text(string keyword) => Definition is { } definition ? LenientRead.Text(definition._node, keyword) : null;

    private bool Flag(string keyword) => Definition is { } definition && LenientRead.Flag(definition._node, keyword);
}
