using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace IblCodegen.Tests.Infrastructure;

/// <summary>Runs the generator over in-memory specs and C# sources, the way the compiler does.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions =
        new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    /// <summary>The .NET shared framework of this test run: what a net10.0 class library compiles against.</summary>
    public static readonly ImmutableArray<MetadataReference> References = FrameworkReferences(typeof(object).Assembly.Location);

    /// <summary>.NET plus ASP.NET Core: what a web project compiles against.</summary>
    public static readonly ImmutableArray<MetadataReference> WebReferences =
        References.AddRange(FrameworkReferences(typeof(Microsoft.AspNetCore.Builder.WebApplication).Assembly.Location));

    private static ImmutableArray<MetadataReference> FrameworkReferences(string assemblyInFramework) =>
        Directory.GetFiles(Path.GetDirectoryName(assemblyInFramework)!, "*.dll")
            .Where(path => !Path.GetFileName(path).StartsWith("Microsoft.DiaSymReader", StringComparison.Ordinal))
            .Where(IsManagedAssembly)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    /// <summary>A consumer compilation: nullable enabled, every warning an error, documentation comments checked.</summary>
    public static CSharpCompilation CreateCompilation(params string[] sources) => CreateCompilation(web: false, sources);

    public static CSharpCompilation CreateCompilation(bool web, params string[] sources) =>
        CSharpCompilation.Create(
            "Consumer",
            sources.Select(source => CSharpSyntaxTree.ParseText(source, ParseOptions)),
            web ? WebReferences : References,
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

    /// <summary>Runs the generator in a web project (ASP.NET Core referenced), where server code is generated.</summary>
    public static GeneratorRun RunWeb(TestAdditionalText spec, params string[] sources) => Run([spec], null, web: true, sources);

    public static GeneratorRun Run(IEnumerable<TestAdditionalText> specs, IReadOnlyDictionary<string, string>? metadata, params string[] sources) =>
        Run(specs, metadata, web: false, sources);

    public static GeneratorRun Run(IEnumerable<TestAdditionalText> specs, IReadOnlyDictionary<string, string>? metadata, bool web, params string[] sources)
    {
        var compilation = CreateCompilation(web, sources);
        var driver = CreateDriver(specs, metadata).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
        return new GeneratorRun(driver, driver.GetRunResult(), compilation, output, driverDiagnostics);
    }
}

internal sealed record GeneratorRun(
    GeneratorDriver Driver,
    GeneratorDriverRunResult Result,
    Compilation Input,
    Compilation Output,
    ImmutableArray<Diagnostic> DriverDiagnostics)
{
    /// <summary>The generator's own diagnostics (IBL…).</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => Result.Diagnostics;

    public ImmutableArray<GeneratedSourceResult> Sources => Result.Results.Single().GeneratedSources;

    /// <summary>
    /// Compiler diagnostics of the consumer with the generated code, warnings included (they are errors there), and
    /// the nullable warnings that generated files turn off for their consumers' builds turned back on: every body the
    /// generator writes goes through the compiler's nullable flow analysis here.
    /// </summary>
    public IReadOnlyList<Diagnostic> CompileProblems() =>
        WithNullableWarnings(Output).GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    /// <summary>
    /// <paramref name="compilation"/> with each generated file's <c>#nullable disable warnings</c> made
    /// <c>#nullable enable warnings</c>; on the same line, so diagnostics keep the generated file's line numbers.
    /// </summary>
    public Compilation WithNullableWarnings(Compilation compilation)
    {
        const string Off = "\n#nullable disable warnings\n";
        const string On = "\n#nullable enable warnings\n";
        var written = Input.SyntaxTrees.ToHashSet();
        foreach (var tree in compilation.SyntaxTrees.Where(tree => !written.Contains(tree)).ToList())
        {
            var text = tree.GetText().ToString();
            var at = text.IndexOf(Off, StringComparison.Ordinal);
            Assert.True(at >= 0, $"{tree.FilePath} does not turn off nullable warnings where the generated files do.");
            compilation = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(text.Remove(at, Off.Length).Insert(at, On), System.Text.Encoding.UTF8)));
        }

        return compilation;
    }

    public string Source(string hintName) =>
        Sources.Single(s => s.HintName == hintName).SourceText.ToString();

    /// <summary>
    /// The generator neither threw (an exception on the run result, CS8785 from the driver) nor fell back to its
    /// last-resort IBL0999.
    /// </summary>
    public void AssertNoCrash()
    {
        Assert.Null(Result.Results.Single().Exception);
        Assert.DoesNotContain(DriverDiagnostics, d => d.Id == "CS8785");
        Assert.DoesNotContain(GeneratorDiagnostics, d => d.Id == "IBL0999");
    }

    /// <summary>
    /// Runs the generator again on a copy of the same compilation, as an IDE does after a keystroke that changed
    /// nothing it reads: every tracked step must be Cached or Unchanged and every output Cached. Also checks that no
    /// step holds a compilation, a symbol or a syntax node, which would keep them alive and defeat the cache; only
    /// the handler-site steps may hold a Location, for diagnostics at the user's code.
    /// </summary>
    public void AssertRerunIsCached()
    {
        // The generator's own steps (Roslyn tracks its input nodes too, the compilation among them, which a copy changes).
        var names = typeof(TrackingNames).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet();
        var rerun = Driver.RunGenerators(Input.Clone()).GetRunResult().Results.Single();
        var steps = rerun.TrackedSteps.Where(step => names.Contains(step.Key)).ToList();
        Assert.True(steps.Count >= 10, $"Only {steps.Count} of the generator's steps ran: {string.Join(", ", steps.Select(s => s.Key))}.");
        foreach (var (step, runs) in steps)
        {
            foreach (var output in runs.SelectMany(r => r.Outputs))
            {
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {output.Reason}");
            }
        }

        Assert.NotEmpty(rerun.TrackedOutputSteps);
        foreach (var (step, runs) in rerun.TrackedOutputSteps)
        {
            foreach (var output in runs.SelectMany(r => r.Outputs))
            {
                Assert.True(output.Reason == IncrementalStepRunReason.Cached, $"output {step}: {output.Reason}");
            }
        }

        foreach (var (step, runs) in Result.Results.Single().TrackedSteps.Where(step => names.Contains(step.Key)))
        {
            var allowLocation = step is TrackingNames.HandlerSites or TrackingNames.HandlerDiagnostics;
            foreach (var output in runs.SelectMany(r => r.Outputs))
            {
                ForbiddenTypes.AssertNone(step, output.Value, allowLocation);
            }
        }
    }

    /// <summary>Line count of everything generated.</summary>
    public int LineCount() => Sources.Sum(s => s.SourceText.Lines.Count);
}
