using System;
using IblCodegen.Model.Naming;

namespace IblCodegen.Model;

/// <summary>What a <see cref="TypeRef"/> is, so emitters decide by kind and never by reading a type's name.</summary>
internal enum TypeRefKind
{
    /// <summary>A framework type: <c>string</c>, <c>int</c>, <c>DateOnly</c>, <c>JsonElement</c>, <c>byte[]</c>…</summary>
    Primitive,

    /// <summary>A type the generator declares for a schema: a class, or a string-enum struct.</summary>
    Declared,

    /// <summary><c>IReadOnlyList&lt;Element&gt;</c>.</summary>
    List,

    /// <summary><c>IReadOnlyDictionary&lt;string, Element&gt;</c>.</summary>
    Map,

    /// <summary>The generic paged envelope closed over <see cref="TypeRef.Element"/>.</summary>
    Page,

    /// <summary>
    /// The spec's string-or-integer struct, for a value the spec allows in either form (<c>oneOf: [string, integer]</c>):
    /// declared once per spec, beside the page envelope, and only when the spec has such a value.
    /// </summary>
    StringOrInteger,
}

/// <summary>The framework types the generated code uses, for a <see cref="TypeRefKind.Primitive"/> type.</summary>
internal enum PrimitiveType
{
    None,
    String,
    Boolean,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    ByteArray,
    DateOnly,
    DateTimeOffset,
    TimeSpan,
    Guid,
    JsonElement,
}

/// <summary>
/// A C# type as the generated code uses it, decided once in the model: its kind, its element (for lists, maps and
/// pages), whether it is a value type, and whether it is written with <c>?</c> where it is used. The fully qualified
/// name is composed here from those parts, so no later stage ever takes a name apart.
/// </summary>
internal sealed record TypeRef
{
    private TypeRef(TypeRefKind kind, PrimitiveType primitive, string definition, string shortDefinition, TypeRef? element, bool isValueType, bool isNullable, string? declaredName = null, string? erasedDefinition = null)
    {
        ErasedDefinition = erasedDefinition ?? definition;
        Kind = kind;
        ShortDefinition = shortDefinition;
        DeclaredName = declaredName;
        Primitive = primitive;
        Definition = definition;
        Element = element;
        IsValueType = isValueType;
        IsNullable = isNullable;
        Name = isNullable ? definition + "?" : definition;
    }

    public static TypeRef String { get; } = Framework(PrimitiveType.String, "string", isValueType: false);

    public static TypeRef Boolean { get; } = Framework(PrimitiveType.Boolean, "bool", isValueType: true);

    public static TypeRef Int32 { get; } = Framework(PrimitiveType.Int32, "int", isValueType: true);

    public static TypeRef Int64 { get; } = Framework(PrimitiveType.Int64, "long", isValueType: true);

    public static TypeRef Single { get; } = Framework(PrimitiveType.Single, "float", isValueType: true);

    public static TypeRef Double { get; } = Framework(PrimitiveType.Double, "double", isValueType: true);

    public static TypeRef Decimal { get; } = Framework(PrimitiveType.Decimal, "decimal", isValueType: true);

    public static TypeRef ByteArray { get; } = Framework(PrimitiveType.ByteArray, "byte[]", isValueType: false);

    public static TypeRef DateOnly { get; } = Framework(PrimitiveType.DateOnly, "global::System.DateOnly", isValueType: true);

    public static TypeRef DateTimeOffset { get; } = Framework(PrimitiveType.DateTimeOffset, "global::System.DateTimeOffset", isValueType: true);

    public static TypeRef TimeSpan { get; } = Framework(PrimitiveType.TimeSpan, "global::System.TimeSpan", isValueType: true);

    public static TypeRef Guid { get; } = Framework(PrimitiveType.Guid, "global::System.Guid", isValueType: true);

    public static TypeRef JsonElement { get; } = Framework(PrimitiveType.JsonElement, "global::System.Text.Json.JsonElement", isValueType: true);

    public TypeRefKind Kind { get; }

    /// <summary>Which framework type, for <see cref="TypeRefKind.Primitive"/>; otherwise <see cref="PrimitiveType.None"/>.</summary>
    public PrimitiveType Primitive { get; }

    /// <summary>The fully qualified name without the nullable annotation: <c>global::IblDataManager.Course</c>.</summary>
    public string Definition { get; }

    /// <summary>For a declared type or a page, its name in the spec's namespace: <c>Course</c>, <c>Page</c>.</summary>
    public string? DeclaredName { get; }

    /// <summary>The item of a list or page, the value of a map; null otherwise.</summary>
    public TypeRef? Element { get; }

    /// <summary>A struct (numbers, dates, <c>JsonElement</c>, generated enums): its <c>?</c> is <c>Nullable&lt;T&gt;</c>.</summary>
    public bool IsValueType { get; }

    /// <summary>Written with <c>?</c>: the value may be null (or, for a member, missing).</summary>
    public bool IsNullable { get; }

    /// <summary>The type as written in code, <c>?</c> included.</summary>
    public string Name { get; }

    /// <summary>The name without namespaces, for messages and doc comments: <c>IReadOnlyList&lt;Course&gt;</c>.</summary>
    public string ShortName => IsNullable ? ShortDefinition + "?" : ShortDefinition;

    /// <summary>
    /// The name with the nullability of reference types left out, here and in type arguments, as the compiler matches
    /// a partial method's parts (it only warns where they differ): <c>global::System.Collections.Generic.IReadOnlyList&lt;string&gt;</c>
    /// for a list of <c>string?</c>, <c>int?</c> kept. The spec's own types drop it too, value types included: where a
    /// service's handler is compared with this name, they do not exist yet, and their <c>?</c> there tells nothing.
    /// </summary>
    public string ErasedName => IsNullable && IsValueType && Kind == TypeRefKind.Primitive ? ErasedDefinition + "?" : ErasedDefinition;

    private string ErasedDefinition { get; }

    private string ShortDefinition { get; }

    /// <summary>How many type arguments sit inside one another: <c>IReadOnlyList&lt;IReadOnlyList&lt;int&gt;&gt;</c> is 2.</summary>
    public int Nesting => Element is null ? 0 : Element.Nesting + 1;

    /// <summary>The same type, without <c>?</c>.</summary>
    public TypeRef NonNullable => IsNullable ? new(Kind, Primitive, Definition, ShortDefinition, Element, IsValueType, isNullable: false, DeclaredName, ErasedDefinition) : this;

    /// <summary>A type the generator declares in <paramref name="namespace"/>.</summary>
    public static TypeRef Declared(string @namespace, string name, bool isValueType) =>
        new(TypeRefKind.Declared, PrimitiveType.None, $"global::{@namespace}.{name}", name, null, isValueType, isNullable: false, name);

    public static TypeRef List(TypeRef item) =>
        new(TypeRefKind.List, PrimitiveType.None, $"global::System.Collections.Generic.IReadOnlyList<{item.Name}>", $"IReadOnlyList<{item.ShortName}>", item, isValueType: false, isNullable: false,
            erasedDefinition: $"global::System.Collections.Generic.IReadOnlyList<{item.ErasedName}>");

    public static TypeRef Map(TypeRef value) =>
        new(TypeRefKind.Map, PrimitiveType.None, $"global::System.Collections.Generic.IReadOnlyDictionary<string, {value.Name}>", $"IReadOnlyDictionary<string, {value.ShortName}>", value, isValueType: false, isNullable: false,
            erasedDefinition: $"global::System.Collections.Generic.IReadOnlyDictionary<string, {value.ErasedName}>");

    /// <summary>The paged envelope of <paramref name="namespace"/> closed over <paramref name="item"/>.</summary>
    public static TypeRef Page(string @namespace, TypeRef item) =>
        new(TypeRefKind.Page, PrimitiveType.None, $"global::{@namespace}.{ReservedNames.PageType}<{item.Name}>", $"{ReservedNames.PageType}<{item.ShortName}>", item, isValueType: false, isNullable: false, ReservedNames.PageType,
            $"global::{@namespace}.{ReservedNames.PageType}<{item.ErasedName}>");

    /// <summary>The string-or-integer struct of <paramref name="namespace"/>.</summary>
    public static TypeRef StringOrInteger(string @namespace) =>
        new(TypeRefKind.StringOrInteger, PrimitiveType.None, $"global::{@namespace}.{ReservedNames.StringOrIntegerType}", ReservedNames.StringOrIntegerType, null, isValueType: true, isNullable: false,
            ReservedNames.StringOrIntegerType);

    /// <summary>The same type, written with <c>?</c> when <paramref name="nullable"/> (a nullable type stays so).</summary>
    public TypeRef AsNullable(bool nullable = true) =>
        !nullable || IsNullable ? this : new(Kind, Primitive, Definition, ShortDefinition, Element, IsValueType, isNullable: true, DeclaredName, ErasedDefinition);

    public bool Equals(TypeRef? other) =>
        other is not null
        && Kind == other.Kind
        && IsNullable == other.IsNullable
        && IsValueType == other.IsValueType
        && string.Equals(Definition, other.Definition, StringComparison.Ordinal);

    public override int GetHashCode() => (Definition.GetHashCode() * 31) + (IsNullable ? 1 : 0);

    public override string ToString() => Name;

    private static TypeRef Framework(PrimitiveType primitive, string name, bool isValueType) =>
        new(TypeRefKind.Primitive, primitive, name, name.Substring(name.LastIndexOf('.') + 1), null, isValueType, isNullable: false);
}
