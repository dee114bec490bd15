using IblCodegen.Model;
using IblCodegen.Model.Naming;
using Microsoft.CodeAnalysis.Text;

namespace IblCodegen.Emitting;

/// <summary>
/// Emits the spec's identity as constants: title and version (so a service can log, expose or assert the API version
/// it was built from), the permission names its operations use, and its security schemes.
/// <code>
/// public static partial class IblDataManagerSpec
/// {
///     public const string Version = "3.59.0-ai-plus";
///     public static class Permissions { public const string IsDMAdmin = "IsDMAdmin"; }
/// }
/// </code>
/// </summary>
internal static class SpecInfoEmitter
{
    public static SourceText Emit(SpecInfoOutput spec)
    {
        var identity = spec.Identity;
        var writer = EmitHelpers.StartFile(identity);
        writer.WriteLine("/// <summary>The OpenAPI document this code was generated from.</summary>");
        writer.WriteLine(EmitHelpers.GeneratedCodeAttribute);
        writer.WriteLine($"public static partial class {identity.SpecInfoTypeName}");
        writer.OpenBlock();
        writer.WriteLine("/// <summary>The document's <c>info.title</c>.</summary>");
        writer.WriteLine($"public const string Title = {EmitHelpers.Literal(identity.Title)};");
        writer.WriteLine();
        writer.WriteLine("/// <summary>The document's <c>info.version</c>.</summary>");
        writer.WriteLine($"public const string Version = {EmitHelpers.Literal(spec.Version)};");

        if (spec.Permissions.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("/// <summary>The permissions the operations require; a service defines what each one means.</summary>");
            writer.WriteLine($"public static class {ReservedNames.PermissionsClass}");
            writer.OpenBlock();
            for (var i = 0; i < spec.Permissions.Count; i++)
            {
                var permission = spec.Permissions[i];
                if (i > 0)
                {
                    writer.WriteLine();
                }

                writer.WriteLine($"/// <summary>The <c>{EmitHelpers.EscapeXml(permission.Value)}</c> permission, accepted by {permission.Uses} operation(s).</summary>");
                writer.WriteLine($"public const string {permission.Name} = {EmitHelpers.Literal(permission.Value)};");
            }

            writer.CloseBlock();
        }

        if (spec.Schemes.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("/// <summary>The names of the document's security schemes, for use as authentication scheme names.</summary>");
            writer.WriteLine($"public static class {ReservedNames.SecuritySchemesClass}");
            writer.OpenBlock();
            for (var i = 0; i < spec.Schemes.Count; i++)
            {
                var scheme = spec.Schemes[i];
                if (i > 0)
                {
                    writer.WriteLine();
                }

                var where = scheme.Kind == "apiKey" ? $" (an API key in the {EmitHelpers.EscapeXml(scheme.In ?? string.Empty)} <c>{EmitHelpers.EscapeXml(scheme.ParameterName ?? string.Empty)}</c>)" : string.Empty;
                writer.WriteLine($"/// <summary>The <c>{EmitHelpers.EscapeXml(scheme.Value)}</c> scheme{where}.</summary>");
                writer.WriteLine($"public const string {scheme.Name} = {EmitHelpers.Literal(scheme.Value)};");
            }

            writer.CloseBlock();
        }

        writer.CloseBlock();
        return writer.ToSourceText();
    }
}
