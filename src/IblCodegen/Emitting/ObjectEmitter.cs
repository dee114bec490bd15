using System.Linq;
using IblCodegen.Model;

namespace IblCodegen.Emitting;

/// <summary>
/// Emits a class for an object schema:
/// <code>
/// public partial class CourseGroupSuggestionDetail
/// {
///     [JsonPropertyName("course_id")]
///     public required string CourseId { get; set; }
///
///     [JsonPropertyName("user_count")]
///     [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
///     public int? UserCount { get; set; }
/// }
/// </code>
/// Optional members are omitted from JSON when null, so a document the spec allows serializes to one it allows.
/// The type's serialization metadata follows it in the same file.
/// </summary>
internal static class ObjectEmitter
{
    private const string Serialization = "global::System.Text.Json.Serialization";

    public static void Write(SourceWriter writer, SpecIdentity identity, ObjectTypeSpec type, EquatableArray<RequiredMember> inheritedRequired)
    {
        var source = $"<c>{EmitHelpers.EscapeXml(type.Pointer)}</c>";
        EmitHelpers.WriteDocComment(writer, type.Summary, $"Generated from {source}.", type.Summary is null ? null : $"Generated from {source}.");
        if (type.Discriminator is { } discriminator && type.DerivedTypes.Count > 0)
        {
            // A value the spec does not map falls back to this class rather than failing: nothing is lost but the subtype.
            writer.WriteLine($"[{Serialization}.JsonPolymorphic(TypeDiscriminatorPropertyName = {EmitHelpers.Literal(discriminator)}, UnknownDerivedTypeHandling = {Serialization}.JsonUnknownDerivedTypeHandling.FallBackToBaseType)]");
            foreach (var derived in type.DerivedTypes)
            {
                writer.WriteLine($"[{Serialization}.JsonDerivedType(typeof({derived.Type.Name}), {EmitHelpers.Literal(derived.Value)})]");
            }
        }

        writer.WriteLine(EmitHelpers.GeneratedCodeAttribute);
        writer.WriteLine(type.BaseType is null
            ? $"public partial class {type.Name}"
            : $"public partial class {type.Name} : {type.BaseType.Name}");
        writer.OpenBlock();

        var first = true;
        if (inheritedRequired.Count == 0 && type.Properties.Any(p => p.IsRequired))
        {
            // The first class of its line with required members holds the bits; the classes below it share them (a page's
            // subclass has the envelope's, so never reaches the constructor below with this written).
            JsonMetadata.WriteRequiredMembersField(writer);
            first = false;
        }

        if (type.LinkStyle != PageLinkStyle.NextPrevious)
        {
            writer.WriteLine($"/// <summary>Creates an empty page whose links use the JSON names of this list: {PageEmitter.Describe(type.LinkStyle)}.</summary>");
            writer.WriteLine($"public {type.Name}()");
            writer.OpenBlock();
            writer.WriteLine($"LinkStyle = global::{identity.Namespace}.PageLinkStyle.{type.LinkStyle};");
            writer.CloseBlock();
            first = false;
        }

        foreach (var property in type.Properties)
        {
            if (!first)
            {
                writer.WriteLine();
            }

            first = false;
            WriteProperty(writer, property);
        }

        writer.CloseBlock();
        JsonMetadata.WriteObject(writer, identity, type, inheritedRequired);
    }

    private static void WriteProperty(SourceWriter writer, PropertySpec property)
    {
        EmitHelpers.WriteDocComment(writer, property.Summary, $"The <c>{EmitHelpers.EscapeXml(property.JsonName)}</c> member.", Remarks(property));
        writer.WriteLine($"[{Serialization}.JsonPropertyName({EmitHelpers.Literal(property.JsonName)})]");
        if (!property.IsRequired)
        {
            writer.WriteLine($"[{Serialization}.JsonIgnore(Condition = {Serialization}.JsonIgnoreCondition.WhenWritingNull)]");
        }

        var required = property.IsRequired ? "required " : string.Empty;
        writer.WriteLine($"public {required}{property.Type.Name} {property.Name} {{ get; set; }}");
    }

    private static string? Remarks(PropertySpec property)
    {
        var parts = new System.Collections.Generic.List<string>();
        if (property.IsDeprecated)
        {
            parts.Add("Deprecated by the API.");
        }

        if (property.IsReadOnly)
        {
            parts.Add("Set by the server; ignored in requests.");
        }

        if (property.DefaultValue is { } defaultValue)
        {
            parts.Add($"Defaults to <c>{EmitHelpers.EscapeXml(defaultValue)}</c>.");
        }

        return parts.Count == 0 ? null : string.Join(" ", parts);
    }
}
