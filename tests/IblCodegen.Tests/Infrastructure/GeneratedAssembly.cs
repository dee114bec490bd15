using System.Reflection;
using System.Runtime.Loader;

namespace IblCodegen.Tests.Infrastructure;

/// <summary>Emits a generator run's output compilation and loads it, so tests can use the generated types for real.</summary>
internal static class GeneratedAssembly
{
    public static Assembly Load(GeneratorRun run)
    {
        var problems = run.CompileProblems();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));

        using var stream = new MemoryStream();
        var result = run.Output.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        stream.Position = 0;
        return new AssemblyLoadContext(name: $"Generated{Guid.NewGuid():N}", isCollectible: true).LoadFromStream(stream);
    }

    public static Type GetRequiredType(this Assembly assembly, string fullName) =>
        assembly.GetType(fullName) ?? throw new InvalidOperationException($"{fullName} was not generated.");

    /// <summary>
    /// Options whose only resolver is the generated context: no reflection fallback, so a type the context lacks
    /// fails the test rather than being read by reflection.
    /// </summary>
    public static System.Text.Json.JsonSerializerOptions GeneratedJsonOptions(this Assembly assembly, string contextFullName, bool allowOutOfOrderMetadata = false)
    {
        var context = (System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver)(assembly.GetRequiredType(contextFullName)
            .GetProperty("Default")!.GetValue(null) ?? throw new InvalidOperationException($"{contextFullName}.Default is null."));
        return new System.Text.Json.JsonSerializerOptions { TypeInfoResolver = context, AllowOutOfOrderMetadataProperties = allowOutOfOrderMetadata };
    }

    public static object? Get(this object instance, string propertyName) =>
        (instance.GetType().GetProperty(propertyName) ?? throw new InvalidOperationException($"{instance.GetType().Name}.{propertyName} was not generated."))
            .GetValue(instance);
}
