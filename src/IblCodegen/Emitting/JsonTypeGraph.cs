using System;
using System.Collections.Generic;
using System.Linq;
using IblCodegen.Model;
using IblCodegen.Parsing;

namespace IblCodegen.Emitting;

/// <summary>
/// Every type the spec's JSON can hold, found from the type names the model uses (members, request and response
/// bodies), each with the context member that holds its metadata. Declared types have their metadata written beside
/// them; the framework types, lists, maps, nullable values and closed pages listed here get theirs in the context file.
/// </summary>
internal sealed class JsonTypeGraph
{
    private const string ListPrefix = "global::System.Collections.Generic.IReadOnlyList<";
    private const string DictionaryPrefix = "global::System.Collections.Generic.IReadOnlyDictionary<string, ";

    /// <summary>Framework value types, with the converter <c>JsonMetadataServices</c> provides and a readable key.</summary>
    private static readonly Dictionary<string, (string Key, string Converter, bool IsValueType)> Framework = new(StringComparer.Ordinal)
    {
        [KnownTypes.String] = ("String", "StringConverter", false),
        [KnownTypes.Bool] = ("Boolean", "BooleanConverter", true),
        [KnownTypes.Int] = ("Int32", "Int32Converter", true),
        [KnownTypes.Long] = ("Int64", "Int64Converter", true),
        [KnownTypes.Float] = ("Single", "SingleConverter", true),
        [KnownTypes.Double] = ("Double", "DoubleConverter", true),
        [KnownTypes.Decimal] = ("Decimal", "DecimalConverter", true),
        [KnownTypes.ByteArray] = ("ByteArray", "ByteArrayConverter", false),
        [KnownTypes.DateOnly] = ("DateOnly", "DateOnlyConverter", true),
        [KnownTypes.DateTimeOffset] = ("DateTimeOffset", "DateTimeOffsetConverter", true),
        [KnownTypes.TimeSpan] = ("TimeSpan", "TimeSpanConverter", true),
        [KnownTypes.Guid] = ("Guid", "GuidConverter", true),
        [KnownTypes.JsonElement] = ("JsonElement", "JsonElementConverter", true),
    };

    private readonly SpecIdentity _identity;
    private readonly string _pagePrefix;
    private readonly Dictionary<string, string> _declared = new(StringComparer.Ordinal);
    private readonly HashSet<string> _enums = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonTypeNode> _nodes = new(StringComparer.Ordinal);
    private readonly NameScope _keys;

    public JsonTypeGraph(SpecModel model)
    {
        _identity = model.Identity;
        _pagePrefix = _identity.Qualify(ModelBuilder.PageTypeName) + "<";
        foreach (var type in model.Types)
        {
            _declared.Add(_identity.Qualify(type.Name), type.Name);
            if (type is EnumTypeSpec)
            {
                _enums.Add(_identity.Qualify(type.Name));
            }
        }

        // Keys of framework and constructed types must not take a declared type's property name.
        _keys = new NameScope([.. model.Types.Select(t => JsonMetadata.PropertyName(t.Name)), .. JsonMetadata.ReservedMembers]);
        foreach (var type in model.Types)
        {
            if (type is ObjectTypeSpec objectType)
            {
                foreach (var property in objectType.Properties)
                {
                    Add(property.TypeName);
                }

                if (objectType.BaseTypeName is { } baseType)
                {
                    Add(baseType);
                }
            }
        }

        foreach (var operation in model.Operations)
        {
            if (operation.Body is { Kind: BodyKind.Json } body)
            {
                Add(body.TypeName);
            }

            foreach (var response in operation.Responses)
            {
                if (response.TypeName is { } typeName)
                {
                    Add(typeName);
                }
            }
        }
    }

    /// <summary>The framework and constructed types, in a stable order.</summary>
    public IEnumerable<JsonTypeNode> Constructed => _nodes.Values.Where(n => n.Kind != JsonTypeKind.Declared).OrderBy(n => n.Key, StringComparer.Ordinal);

    /// <summary>The declared types (qualified name, simple name), in a stable order.</summary>
    public IEnumerable<KeyValuePair<string, string>> Declared => _declared.OrderBy(p => p.Value, StringComparer.Ordinal);

    /// <summary>The context property holding the metadata of <paramref name="typeName"/>, as the model writes the type.</summary>
    public string PropertyFor(string typeName)
    {
        var node = Add(typeName);
        return node.Kind == JsonTypeKind.Declared ? JsonMetadata.PropertyName(node.Key) : node.Key;
    }

    /// <summary>
    /// A reference type's <c>?</c> is an annotation (one <see cref="Type"/>); a value type's is <c>Nullable&lt;T&gt;</c>.
    /// </summary>
    public string Normalize(string typeName)
    {
        if (typeName.EndsWith("?", StringComparison.Ordinal))
        {
            var inner = typeName.Substring(0, typeName.Length - 1);
            return IsValueType(inner) ? typeName : inner;
        }

        return typeName;
    }

    private bool IsValueType(string typeName) =>
        _enums.Contains(typeName) || (Framework.TryGetValue(typeName, out var framework) && framework.IsValueType);

    private JsonTypeNode Add(string typeName)
    {
        var type = Normalize(typeName);
        if (_nodes.TryGetValue(type, out var existing))
        {
            return existing;
        }

        JsonTypeNode node;
        if (type.EndsWith("?", StringComparison.Ordinal))
        {
            var inner = Add(type.Substring(0, type.Length - 1));
            node = new JsonTypeNode(type, _keys.Claim("Nullable" + inner.Key), JsonTypeKind.NullableValue, inner.Type, null);
        }
        else if (_declared.TryGetValue(type, out var simple))
        {
            node = new JsonTypeNode(type, simple, JsonTypeKind.Declared, null, null);
        }
        else if (Framework.TryGetValue(type, out var framework))
        {
            node = new JsonTypeNode(type, _keys.Claim(framework.Key), JsonTypeKind.Value, null, framework.Converter);
        }
        else if (Unwrap(type, ListPrefix) is { } item)
        {
            var element = Add(item);
            node = new JsonTypeNode(type, _keys.Claim("ListOf" + element.Key), JsonTypeKind.List, item, null);
        }
        else if (Unwrap(type, DictionaryPrefix) is { } value)
        {
            var element = Add(value);
            node = new JsonTypeNode(type, _keys.Claim("DictionaryOf" + element.Key), JsonTypeKind.Dictionary, value, null);
        }
        else if (Unwrap(type, _pagePrefix) is { } pageItem)
        {
            var element = Add(pageItem);
            Add(KnownTypes.ReadOnlyList(pageItem));
            node = new JsonTypeNode(type, _keys.Claim("PageOf" + element.Key), JsonTypeKind.Page, pageItem, null);
        }
        else
        {
            throw new InvalidOperationException($"No JSON metadata for the type '{type}'.");
        }

        _nodes.Add(type, node);
        return node;
    }

    private static string? Unwrap(string type, string prefix) =>
        type.StartsWith(prefix, StringComparison.Ordinal) && type.EndsWith(">", StringComparison.Ordinal)
            ? type.Substring(prefix.Length, type.Length - prefix.Length - 1)
            : null;
}

internal enum JsonTypeKind
{
    Declared,
    Value,
    NullableValue,
    List,
    Dictionary,
    Page,
}

/// <param name="Type">The type as written in C# (value types keep their <c>?</c>).</param>
/// <param name="Key">The context member naming it: the declared type's name, or "ListOfCourse", "NullableInt32"...</param>
/// <param name="Element">The item, value or underlying type of a constructed type, as written in C#.</param>
/// <param name="Converter">For framework value types, the <c>JsonMetadataServices</c> converter property.</param>
internal sealed record JsonTypeNode(string Type, string Key, JsonTypeKind Kind, string? Element, string? Converter);
