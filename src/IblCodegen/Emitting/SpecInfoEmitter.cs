using IblCodegen.Model;

namespace IblCodegen.Emitting;

/// <summary>
/// Emits the spec's title and version as constants, so a service can log, expose or assert the API version it
/// was built from: <c>IblDataManagerSpec.Version</c>.
/// </summary>
internal static class SpecInfoEmitter
{
    public static string Emit(SpecIdentity identity)
    {
        var writer = EmitHelpers.StartFile(identity);
        writer.WriteLine($"/// <summary>The OpenAPI document this code was generated from.</summary>");
        writer.WriteLine(EmitHelpers.GeneratedCodeAttribute);
        writer.WriteLine($"public static partial class {identity.SpecInfoTypeName}");
        writer.OpenBlock();
        writer.WriteLine("/// <summary>The document's <c>info.title</c>.</summary>");
        writer.WriteLine($"public const string Title = {EmitHelpers.Literal(identity.Title)};");
        writer.WriteLine();
        writer.WriteLine("/// <summary>The document's <c>info.version</c>.</summary>");
        writer.WriteLine($"public const string Version = {EmitHelpers.Literal(identity.Version)};");
        writer.CloseBlock();
        return writer.ToString();
    }
}
