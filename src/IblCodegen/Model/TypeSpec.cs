namespace IblCodegen.Model;

/// <summary>A type the generator declares. <see cref="Name"/> is unique within the spec's namespace.</summary>
/// <param name="Pointer">The JSON pointer of the schema the type comes from, named in its doc comment.</param>
internal abstract record TypeSpec(string Name, string? Summary, string Pointer);

/// <summary>A class for an object schema.</summary>
/// <param name="BaseType">The base class (from <c>allOf</c>, or the paged envelope), or null.</param>
/// <param name="LinkStyle">For a class that extends the paged envelope: the JSON names of its page links.</param>
/// <param name="Discriminator">For the base of a polymorphic family: the JSON property naming the subtype.</param>
/// <param name="DerivedTypes">For the base of a polymorphic family: each subtype and its discriminator value.</param>
internal sealed record ObjectTypeSpec(
    string Name,
    string? Summary,
    string Pointer,
    TypeRef? BaseType,
    PageLinkStyle LinkStyle,
    EquatableArray<PropertySpec> Properties,
    string? Discriminator = null,
    EquatableArray<DerivedTypeSpec> DerivedTypes = default)
    : TypeSpec(Name, Summary, Pointer);

/// <summary>A subtype of a polymorphic family and the discriminator value that selects it.</summary>
internal sealed record DerivedTypeSpec(TypeRef Type, string Value);

/// <summary>
/// A string enum, emitted as a struct wrapping the string so that values the spec does not list survive a round trip.
/// </summary>
internal sealed record EnumTypeSpec(
    string Name,
    string? Summary,
    string Pointer,
    EquatableArray<EnumMemberSpec> Members)
    : TypeSpec(Name, Summary, Pointer);

/// <summary>One known value of a string enum.</summary>
internal sealed record EnumMemberSpec(string Name, string Value);

/// <summary>The JSON names a paginated list gives the links to its neighbouring pages.</summary>
internal enum PageLinkStyle
{
    /// <summary><c>next</c> / <c>previous</c>, URLs.</summary>
    NextPrevious,

    /// <summary><c>next_page</c> / <c>previous_page</c>, URLs.</summary>
    NextPagePreviousPage,

    /// <summary><c>next_page</c> / <c>previous_page</c>, page numbers.</summary>
    NextPagePreviousPageNumbers,
}
