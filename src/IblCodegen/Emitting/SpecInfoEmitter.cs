using System;
using System.Linq;
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
    public static SourceText Emit(SpecModel model)
    {
        var identity = model.Identity;
        var writer = EmitHelpers.StartFile(identity);
        writer.WriteLine("/// <summary>The OpenAPI document this code was generated from.</summary>");
        writer.WriteLine(EmitHelpers.GeneratedCodeAttribute);
        writer.WriteLine($"public static partial class {identity.SpecInfoTypeName}");
        writer.OpenBlock();
        writer.WriteLine("/// <summary>The document's <c>info.title</c>.</summary>");
        writer.WriteLine($"public const string Title = {EmitHelpers.Literal(identity.Title)};");
        writer.WriteLine();
        writer.WriteLine("/// <summary>The document's <c>info.version</c>.</summary>");
        writer.WriteLine($"public const string Version = {EmitHelpers.Literal(identity.Version)};");

        var permissions = model.Operations.SelectMany(o => o.Permissions).Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToList();
        if (permissions.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("/// <summary>The permissions the operations require; a service defines what each one means.</summary>");
            writer.WriteLine("public static class Permissions");
            writer.OpenBlock();

            // Permission names are identifiers, but may be keywords ("class": @class), the class's own name, or the
            // name of a member every class inherits (a constant of that name would hide it: CS0108).
            var constants = new NameScope(["Permissions", .. ReservedNames.ObjectMembers]);
            for (var i = 0; i < permissions.Count; i++)
            {
                if (i > 0)
                {
                    writer.WriteLine();
                }

                var uses = model.Operations.Count(o => o.Permissions.Contains(permissions[i]));
                writer.WriteLine($"/// <summary>The <c>{EmitHelpers.EscapeXml(permissions[i])}</c> permission, accepted by {uses} operation(s).</summary>");
                writer.WriteLine($"public const string {constants.Claim(Identifiers.EscapeKeyword(permissions[i]))} = {EmitHelpers.Literal(permissions[i])};");
            }

            writer.CloseBlock();
        }

        if (model.SecuritySchemes.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("/// <summary>The names of the document's security schemes, for use as authentication scheme names.</summary>");
            writer.WriteLine("public static class SecuritySchemes");
            writer.OpenBlock();
            var names = new NameScope(["SecuritySchemes", .. ReservedNames.ObjectMembers]);
            for (var i = 0; i < model.SecuritySchemes.Count; i++)
            {
                var scheme = model.SecuritySchemes[i];
                if (i > 0)
                {
                    writer.WriteLine();
                }

                var where = scheme.Kind == "apiKey" ? $" (an API key in the {EmitHelpers.EscapeXml(scheme.In ?? string.Empty)} <c>{EmitHelpers.EscapeXml(scheme.ParameterName ?? string.Empty)}</c>)" : string.Empty;
                writer.WriteLine($"/// <summary>The <c>{EmitHelpers.EscapeXml(scheme.Name)}</c> scheme{where}.</summary>");
                writer.WriteLine($"public const string {names.Claim(Identifiers.ToPascalCase(scheme.Name, "Scheme"))} = {EmitHelpers.Literal(scheme.Name)};");
            }

            writer.CloseBlock();
        }

        writer.CloseBlock();
        return writer.ToSourceText();
    }
}
