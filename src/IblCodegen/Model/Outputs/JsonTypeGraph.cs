using System;
using System.Collections.Generic;
using System.Linq;
using IblCodegen.Model.Naming;

namespace IblCodegen.Model;

/// <summary>
/// Every type the spec's JSON can hold, found from the type names the model uses (members, request and response
/// bodies), each with the context member that holds its metadata. Declared types have their metadata written beside
/// them; the framework types, lists, maps, nullable values and closed pages listed here get theirs in the context file.
/// </summary>
internal sealed class JsonTypeGraph
{
    /// <summary>The converter <c>JsonMetadataServices</c> provides for a framework type, and a readable key.</summary>
    private static (string Key, string Converter) Framework(PrimitiveType type) => type switch
    {
        PrimitiveType.String => ("String", "StringConverter"),
        PrimitiveType.Boolean => ("Boolean", "BooleanConverter"),
        PrimitiveType.Int32 => ("Int32", "Int32Converter"),
        PrimitiveType.Int64 => ("Int64", "Int64Converter"),
        PrimitiveType.Single => ("Single", "SingleConverter"),
        PrimitiveType.Double => ("Double", "DoubleConverter"),
        PrimitiveType.Decimal => ("Decimal", "DecimalConverter"),
        PrimitiveType.ByteArray => ("ByteArray", "ByteArrayConverter"),
        PrimitiveType.DateOnly => ("DateOnly", "DateOnlyConverter"),
        PrimitiveType.DateTimeOffset => ("DateTimeOffset", "DateTimeOffsetConverter"),
        PrimitiveType.TimeSpan => ("TimeSpan", "TimeSpanConverter"),
        PrimitiveType.Guid => ("Guid", "GuidConverter"),
        PrimitiveType.JsonElement => ("JsonElement", "JsonElementConverter"),
        _ => throw new InvalidOperationException($"No converter for {type}."),
    };

    private readonly Dictionary<string, string> _declared = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonTypeNode> _nodes = new(StringComparer.Ordinal);
    private readonly NameScope _keys;

    /// <summary>Set once every type of the model is in: the outputs read the graph, and none may grow it.</summary>
    private readonly bool _complete;

    public JsonTypeGraph(SpecModel model)
    {
        var identity = model.Identity;
        foreach (var type in model.Types)
        {
            _declared.Add(identity.Qualify(type.Name), type.Name);
        }

        // Keys of framework and constructed types must not take a declared type's property name.
        _keys = new NameScope([.. model.Types.Select(t => JsonContextNames.PropertyName(t.Name)), .. JsonContextNames.ContextMembers]);
        foreach (var type in model.Types)
        {
            if (type is ObjectTypeSpec objectType)
            {
                foreach (var property in objectType.Properties)
                {
                    Add(property.Type);
                }

                if (objectType.BaseType is { } baseType)
                {
                    Add(baseType);
                }
            }
        }

        foreach (var operation in model.Operations)
        {
            if (operation.Body is { } body)
            {
                Add(body.Type);
            }

            foreach (var response in operation.Responses)
            {
                if (response.Type is { } type)
                {
                    Add(type);
                }
            }
        }

        _complete = true;
    }

    /// <summary>Whether the spec's JSON holds a value that may be a string or an integer, whose struct is then declared.</summary>
    public bool UsesStringOrInteger { get; private set; }

    /// <summary>The graph as the JSON context file needs it: names and shapes, no descriptions.</summary>
    public JsonGraphOutput ToOutput(SpecIdentity identity) =>
        new(
            identity,
            _declared.OrderBy(p => p.Value, StringComparer.Ordinal).Select(p => new DeclaredJsonType(p.Key, p.Value)).ToEquatableArray(),
            _nodes.Values.Where(n => n.Kind != JsonTypeKind.Declared).OrderBy(n => n.Key, StringComparer.Ordinal).ToEquatableArray());

    /// <summary>The context properties of the JSON request bodies of <paramref name="operations"/>, which a server reads.</summary>
    public EquatableArray<JsonTypeKey> KeysForJsonBodies(IEnumerable<OperationSpec> operations) =>
        KeysFor(operations.Where(o => o.Body is { Kind: BodyKind.Json }).Select(o => o.Body!.Type));

    /// <summary>The context properties of <paramref name="types"/>, for an output that reads or writes them.</summary>
    public EquatableArray<JsonTypeKey> KeysFor(IEnumerable<TypeRef> types)
    {
        var keys = new Dictionary<string, JsonTypeKey>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            var normalized = Normalize(type);
            if (!keys.ContainsKey(normalized.Name))
            {
                keys.Add(normalized.Name, new JsonTypeKey(normalized.Name, PropertyFor(normalized)));
            }
        }

        return keys.Values.OrderBy(key => key.Type, StringComparer.Ordinal).ToEquatableArray();
    }

    /// <summary>The context property holding the metadata of <paramref name="type"/>.</summary>
    private string PropertyFor(TypeRef type)
    {
        var node = Add(type);
        return node.Kind == JsonTypeKind.Declared ? JsonContextNames.PropertyName(node.Key) : node.Key;
    }

    /// <summary>
    /// A reference type's <c>?</c> is an annotation (one <see cref="Type"/>); a value type's is <c>Nullable&lt;T&gt;</c>.
    /// </summary>
    public static TypeRef Normalize(TypeRef type) => type.IsNullable && !type.IsValueType ? type.NonNullable : type;

    private JsonTypeNode Add(TypeRef written)
    {
        var type = Normalize(written);
        if (_nodes.TryGetValue(type.Name, out var existing))
        {
            return existing;
        }

        if (_complete)
        {
            throw new InvalidOperationException($"The JSON graph has no metadata for '{type.Name}': the model uses a type the graph was not built with.");
        }

        JsonTypeNode node;
        if (type.IsNullable)
        {
            var inner = Add(type.NonNullable);
            node = new JsonTypeNode(type.Name, type.ShortName, _keys.Claim("Nullable" + inner.Key), JsonTypeKind.NullableValue, inner.Type, null);
        }
        else
        {
            switch (type.Kind)
            {
                case TypeRefKind.Declared when _declared.TryGetValue(type.Name, out var simple):
                    node = new JsonTypeNode(type.Name, type.ShortName, simple, JsonTypeKind.Declared, null, null);
                    break;
                case TypeRefKind.Primitive:
                    var framework = Framework(type.Primitive);
                    node = new JsonTypeNode(type.Name, type.ShortName, _keys.Claim(framework.Key), JsonTypeKind.Value, null, framework.Converter);
                    break;
                case TypeRefKind.StringOrInteger:
                    node = new JsonTypeNode(type.Name, type.ShortName, _keys.Claim(ReservedNames.StringOrIntegerType), JsonTypeKind.StringOrInteger, null, null);
                    UsesStringOrInteger = true;
                    break;
                case TypeRefKind.List:
                    node = new JsonTypeNode(type.Name, type.ShortName, _keys.Claim("ListOf" + Add(type.Element!).Key), JsonTypeKind.List, type.Element!.Name, null);
                    break;
                case TypeRefKind.Map:
                    // System.Text.Json asks for the key type's metadata too, which a spec without a string member lacks.
                    Add(TypeRef.String);
                    node = new JsonTypeNode(type.Name, type.ShortName, _keys.Claim("DictionaryOf" + Add(type.Element!).Key), JsonTypeKind.Dictionary, type.Element!.Name, null);
                    break;
                case TypeRefKind.Page:
                    // Every page has an integer count, which a spec without an integer member has no metadata for.
                    Add(TypeRef.Int32);
                    var item = Add(type.Element!);
                    Add(TypeRef.List(type.Element!));
                    node = new JsonTypeNode(type.Name, type.ShortName, _keys.Claim("PageOf" + item.Key), JsonTypeKind.Page, type.Element!.Name, null);
                    break;
                default:
                    throw new InvalidOperationException($"No JSON metadata for the type '{type.Name}'.");
            }
        }

        _nodes.Add(type.Name, node);
        return node;
    }
}

internal enum JsonTypeKind
{
    Declared,
    Value,
    NullableValue,

    /// <summary>The spec's string-or-integer struct, read and written by its own converter.</summary>
    StringOrInteger,
    List,
    Dictionary,
    Page,
}

/// <summary>One framework or constructed type of the JSON context.</summary>
/// <param name="Type">The type as written in C# (value types keep their <c>?</c>).</param>
/// <param name="ShortName">The type without namespaces, for its doc comment.</param>
/// <param name="Key">The context member naming it: the declared type's name, or "ListOfCourse", "NullableInt32"...</param>
/// <param name="Element">The item, value or underlying type of a constructed type, as written in C#.</param>
/// <param name="Converter">For framework value types, the <c>JsonMetadataServices</c> converter property.</param>
internal sealed record JsonTypeNode(string Type, string ShortName, string Key, JsonTypeKind Kind, string? Element, string? Converter);

/// <summary>The JSON context of one spec: the declared types and the framework and constructed ones, in a stable order.</summary>
internal sealed record JsonGraphOutput(SpecIdentity Identity, EquatableArray<DeclaredJsonType> Declared, EquatableArray<JsonTypeNode> Constructed);

/// <summary>A type the spec declares, with its metadata written beside it.</summary>
internal sealed record DeclaredJsonType(string QualifiedName, string Name);

/// <summary>The context property (<c>ListOfCourse</c>, <c>Course</c>) holding the metadata of a type, as written in C#.</summary>
internal sealed record JsonTypeKey(string Type, string Property)
{
    /// <summary>The property of each type, looked up by the type as the model writes it.</summary>
    public static Dictionary<string, string> Lookup(EquatableArray<JsonTypeKey> keys) =>
        keys.ToDictionary(key => key.Type, key => key.Property, StringComparer.Ordinal);
}
