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

    public static object? Get(this object instance, string propertyName) =>
        (instance.GetType().GetProperty(propertyName) ?? throw new InvalidOperationException($"{instance.GetType().Name}.{propertyName} was not generated."))
            .GetValue(instance);
}
