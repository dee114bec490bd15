using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using IblCodegen.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace IblCodegen.Benchmarks;

/// <summary>
/// The generator on a spec, the way the compiler runs it: a cold first run in a fresh process (parse, model, emit,
/// JIT included), a warm full run, and the incremental run after an unrelated C# edit.
/// </summary>
[MemoryDiagnoser]
public class GenerationBenchmarks
{
    private GeneratorDriver _driver = null!;
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private AdditionalText _spec = null!;
    private bool _flip;

    /// <summary>The project spec, the published one, or one of <see cref="DeepSpecs"/>' chains of 10,000 links.</summary>
    [Params("project", "published", "ref-chain", "allOf-chain", "items-chain", "additionalProperties-chain")]
    public string Spec { get; set; } = "project";

    /// <summary>
    /// Only inputs: nothing of the generator runs before a full run is measured, so a cold run is cold. The parsed-spec
    /// cache is off, so every run parses (what it spares a build is measured by the <c>next-build</c> command).
    /// </summary>
    [GlobalSetup(Target = nameof(FullRun))]
    public void SetupFullRun()
    {
        SpecResultCache.Capacity = 0;
        CreateInputs();
    }

    /// <summary>The inputs, and a driver that has already generated once.</summary>
    [GlobalSetup(Target = nameof(IncrementalAfterUnrelatedEdit))]
    public void SetupIncremental()
    {
        CreateInputs();
        _driver = CreateDriver().RunGenerators(_compilation);
    }

    private void CreateInputs()
    {
        _spec = Spec switch
        {
            "project" => new MemoryText(RepoPaths.ProjectSpec, File.ReadAllText(RepoPaths.ProjectSpec)),
            "published" => new MemoryText(RepoPaths.PublishedSpec, File.ReadAllText(RepoPaths.PublishedSpec)),
            _ => new MemoryText("/specs/deep.json", DeepSpecs.Create(Spec)),
        };
        _compilation = CSharpCompilation.Create("Consumer", [CSharpSyntaxTree.ParseText("namespace Consumer; public class Service { }")],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)], new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        _edited = _compilation.ReplaceSyntaxTree(_compilation.SyntaxTrees[0], CSharpSyntaxTree.ParseText("namespace Consumer; public class Service { public int Edited; }"));
    }

    /// <summary>A whole generation from nothing (a new driver): what a clean build pays.</summary>
    [Benchmark]
    public GeneratorDriver FullRun() => CreateDriver().RunGenerators(_compilation);

    /// <summary>The next run after an unrelated C# edit: every spec step should be cached.</summary>
    [Benchmark]
    public GeneratorDriver IncrementalAfterUnrelatedEdit()
    {
        _flip = !_flip;
        _driver = _driver.RunGenerators(_flip ? _edited : _compilation);
        return _driver;
    }

    /// <summary>A new driver over the benchmark's spec, for timings outside BenchmarkDotNet.</summary>
    internal GeneratorDriver CreateDriverForCompile() => CreateDriver();

    private GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create([new OpenApiGenerator().AsSourceGenerator()], [_spec], optionsProvider: new SpecOptions());

    /// <summary>A spec held in memory, as an AdditionalText (shared with <see cref="SpecEdits"/>).</summary>
    internal sealed class MemoryText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    /// <summary>
    /// Marks every AdditionalText as a spec, as the package's MSBuild glue does; with <c>IBLCODEGEN_TAGS=&lt;tags&gt;</c>
    /// in the environment, also gives it that <c>Tags</c> metadata (what a project that selects pays).
    /// </summary>
    internal sealed class SpecOptions : AnalyzerConfigOptionsProvider
    {
        private static readonly Options Marked = new(true);
        private static readonly Options None = new(false);

        public override AnalyzerConfigOptions GlobalOptions => None;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Marked;

        private sealed class Options(bool marked) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
            {
                if (marked && key == "build_metadata.AdditionalFiles." + OpenApiGenerator.TagsMetadata && Environment.GetEnvironmentVariable("IBLCODEGEN_TAGS") is { Length: > 0 } tags)
                {
                    value = tags;
                    return true;
                }

                var found = marked && key == "build_metadata.AdditionalFiles." + OpenApiGenerator.SpecMetadata;
                value = found ? "true" : null;
                return found;
            }
        }
    }
}

/// <summary>The first run in a fresh process, each launch measured once: JIT and all.</summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 5, warmupCount: 0, iterationCount: 1)]
public class ColdGenerationBenchmarks : GenerationBenchmarks
{
}
