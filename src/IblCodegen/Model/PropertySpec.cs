namespace IblCodegen.Model;

/// <summary>One property of a generated class.</summary>
/// <param name="JsonName">The name as the spec spells it; serialized with <c>[JsonPropertyName]</c>.</param>
/// <param name="Name">A unique, C#-safe member name.</param>
/// <param name="Type">The C# type, nullable where the value may be missing or null.</param>
/// <param name="IsRequired">Emitted as a C# <c>required</c> member: the JSON must carry it.</param>
/// <param name="Summary">The spec's description, for the XML doc comment.</param>
/// <param name="DefaultValue">The spec's default, as JSON text, mentioned in the doc comment.</param>
internal sealed record PropertySpec(
    string JsonName,
    string Name,
    TypeRef Type,
    bool IsRequired,
    string? Summary,
    string? DefaultValue,
    bool IsReadOnly,
    bool IsDeprecated);
