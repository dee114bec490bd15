using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace IblCodegen.Tests.Infrastructure;

/// <summary>Runs the generator over in-memory specs and C# sources, the way the compiler does.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions =
        new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    /// <summary>The framework assemblies of this test run: what a net10.0 consumer compiles against.</summary>
    public static readonly ImmutableArray<MetadataReference> References =
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();

    /// <summary>A consumer compilation: nullable enabled, every warning an error, documentation comments checked.</summary>
    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Consumer",
            sources.Select(source => CSharpSyntaxTree.ParseText(source, ParseOptions)),
            References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error,
                deterministic: true));

    public static GeneratorDriver CreateDriver(IEnumerable<TestAdditionalText> specs, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var specList = specs.ToList();
        var options = specList.ToDictionary(
            spec => spec.Path,
            _ =>
            {
                var values = new Dictionary<string, string> { ["build_metadata.AdditionalFiles." + OpenApiGenerator.SpecMetadata] = "true" };
                foreach (var pair in metadata ?? new Dictionary<string, string>())
                {
                    values["build_metadata.AdditionalFiles." + pair.Key] = pair.Value;
                }

                return values;
            });

        return CSharpGeneratorDriver.Create(
            generators: [new OpenApiGenerator().AsSourceGenerator()],
            additionalTexts: specList.Cast<AdditionalText>(),
            parseOptions: ParseOptions,
            optionsProvider: new TestOptionsProvider(options),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>Runs the generator once and returns what it produced and the compilation with its output added.</summary>
    public static GeneratorRun Run(TestAdditionalText spec, params string[] sources) => Run([spec], null, sources);

    public static GeneratorRun Run(IEnumerable<TestAdditionalText> specs, IReadOnlyDictionary<string, string>? metadata, params string[] sources)
    {
        var compilation = CreateCompilation(sources);
        var driver = CreateDriver(specs, metadata).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
        return new GeneratorRun(driver, driver.GetRunResult(), output, driverDiagnostics);
    }
}

internal sealed record GeneratorRun(
    GeneratorDriver Driver,
    GeneratorDriverRunResult Result,
    Compilation Output,
    ImmutableArray<Diagnostic> DriverDiagnostics)
{
    /// <summary>The generator's own diagnostics (IBL…).</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => Result.Diagnostics;

    public ImmutableArray<GeneratedSourceResult> Sources => Result.Results.Single().GeneratedSources;

    /// <summary>Compiler diagnostics of the consumer with the generated code, warnings included (they are errors there).</summary>
    public IReadOnlyList<Diagnostic> CompileProblems() =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    public string Source(string hintName) =>
        Sources.Single(s => s.HintName == hintName).SourceText.ToString();

    /// <summary>Line count of everything generated.</summary>
    public int LineCount() => Sources.Sum(s => s.SourceText.Lines.Count);
}
