namespace IblCodegen.Parsing;

/// <summary>
/// What a schema maps to: the C# type name, whether it is a value type, and whether the schema allows null.
/// <c>?</c> is added where the type is used, since only the use knows whether the value may also be missing.
/// <see cref="Nesting"/> counts the type arguments inside one another (<c>IReadOnlyList&lt;IReadOnlyList&lt;int&gt;&gt;</c> is 2),
/// so the builder can stop a name from growing with the spec.
/// </summary>
internal readonly record struct CSharpType(string Name, bool IsValueType, bool IsNullable, int Nesting = 0)
{
    public CSharpType AsNullable(bool nullable = true) => this with { IsNullable = IsNullable || nullable };

    /// <summary>The type as written where a value may be absent or null.</summary>
    public string WithNullability(bool nullable) => nullable ? Name + "?" : Name;
}
