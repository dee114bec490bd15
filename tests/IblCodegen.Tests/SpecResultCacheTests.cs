using IblCodegen.Model;
using IblCodegen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace IblCodegen.Tests;

/// <summary>
/// The parsed specs kept between builds (<see cref="Parsing.SpecResultCache"/>): a new driver over an equal file
/// gets the parse of the one before, and anything that differs (a character of the text, an option, the path) is
/// parsed again. Alone in its collection, so that no other test's parses push its entries out meanwhile.
/// </summary>
[Collection(nameof(SpecResultCacheTests))]
public sealed class SpecResultCacheTests
{
    private static readonly string ProjectSpec = File.ReadAllText(RepoPaths.ProjectSpec);

    [Fact]
    public void A_new_driver_over_an_equal_file_gets_the_same_parse_and_the_same_output()
    {
        // Two copies of the text, as two builds each read the file: equal strings, not one.
        var first = Run("/cache/hit/ibl-data-manager.yaml", new string(ProjectSpec.AsSpan()));
        var second = Run("/cache/hit/ibl-data-manager.yaml", new string(ProjectSpec.AsSpan()));

        Assert.Same(Parsed(first), Parsed(second));
        Assert.Equal(Texts(first), Texts(second));
        Assert.Equal(first.GeneratorDiagnostics.Select(d => d.ToString()), second.GeneratorDiagnostics.Select(d => d.ToString()));
        Assert.Empty(second.CompileProblems());
    }

    [Fact]
    public void A_text_that_differs_by_one_character_is_parsed_again()
    {
        const string Before = "description: The total, in seconds.";
        const string After = "description: The total, in minutes.";
        Assert.Contains(Before, ProjectSpec);
        var first = Run("/cache/text/ibl-data-manager.yaml", ProjectSpec);
        var second = Run("/cache/text/ibl-data-manager.yaml", ProjectSpec.Replace(Before, After));

        Assert.NotSame(Parsed(first), Parsed(second));
        Assert.Contains(first.Sources, s => s.SourceText.ToString().Contains("The total, in seconds."));
        Assert.Contains(second.Sources, s => s.SourceText.ToString().Contains("The total, in minutes."));
        Assert.DoesNotContain(second.Sources, s => s.SourceText.ToString().Contains("The total, in seconds."));
    }

    [Fact]
    public void Other_options_or_another_path_are_parsed_again()
    {
        var all = Run("/cache/options/ibl-data-manager.yaml", ProjectSpec);
        var analytics = Run("/cache/options/ibl-data-manager.yaml", ProjectSpec, new Dictionary<string, string> { ["IblCodegenTags"] = "analytics" });
        var elsewhere = Run("/cache/elsewhere/ibl-data-manager.yaml", ProjectSpec);

        Assert.NotSame(Parsed(all), Parsed(analytics));
        Assert.NotSame(Parsed(all), Parsed(elsewhere));
        Assert.Contains(all.Sources, s => s.HintName == "IblDataManager.Client.CatalogClient.g.cs");
        Assert.DoesNotContain(analytics.Sources, s => s.HintName == "IblDataManager.Client.CatalogClient.g.cs");

        // Both options' entries are kept (a library and a service of one spec): each is found again.
        Assert.Same(Parsed(all), Parsed(Run("/cache/options/ibl-data-manager.yaml", ProjectSpec)));
        Assert.Same(Parsed(analytics), Parsed(Run("/cache/options/ibl-data-manager.yaml", ProjectSpec, new Dictionary<string, string> { ["IblCodegenTags"] = "analytics" })));
    }

    [Fact]
    public void A_file_keeps_only_its_latest_text_and_the_cache_keeps_four_files()
    {
        var original = Run("/cache/latest/ibl-data-manager.yaml", ProjectSpec);
        Run("/cache/latest/ibl-data-manager.yaml", ProjectSpec + "\n# an edit\n");

        // The text before the edit was let go: going back to it parses again.
        Assert.NotSame(Parsed(original), Parsed(Run("/cache/latest/ibl-data-manager.yaml", ProjectSpec)));

        var oldest = Run("/cache/four/0.yaml", ProjectSpec);
        for (var i = 1; i <= 4; i++)
        {
            Run($"/cache/four/{i}.yaml", ProjectSpec);
        }

        Assert.NotSame(Parsed(oldest), Parsed(Run("/cache/four/0.yaml", ProjectSpec)));
        var newest = Run("/cache/four/4.yaml", ProjectSpec);
        Assert.Same(Parsed(newest), Parsed(Run("/cache/four/4.yaml", ProjectSpec)));
    }

    [Fact]
    public void Builds_of_one_file_at_once_get_equal_output()
    {
        // As the compiler server runs builds of several projects at once: each may parse, none may see a half-made entry.
        var runs = new GeneratorRun[6];
        Parallel.For(0, runs.Length, i => runs[i] = Run("/cache/parallel/ibl-data-manager.yaml", new string(ProjectSpec.AsSpan())));

        Assert.All(runs, run => Assert.Equal(Texts(runs[0]), Texts(run)));
        var next = Parsed(Run("/cache/parallel/ibl-data-manager.yaml", ProjectSpec));
        Assert.Contains(runs, run => ReferenceEquals(Parsed(run), next));
    }

    [Fact]
    public void Two_builds_that_both_parsed_a_file_leave_one_entry_of_it()
    {
        SpecFile File(string path) => new(path, ProjectSpec, null, SpecSelection.All);
        var earlier = new SpecResult(null, EquatableArray<DiagnosticInfo>.Empty);
        var first = new SpecResult(null, EquatableArray<DiagnosticInfo>.Empty);
        var second = new SpecResult(null, EquatableArray<DiagnosticInfo>.Empty);
        Parsing.SpecResultCache.Store(File("/cache/stored/earlier.yaml"), earlier);

        // Both missed the file, parsed it and store it, one after the other: the second replaces the first.
        Parsing.SpecResultCache.Store(File("/cache/stored/spec.yaml"), first);
        Parsing.SpecResultCache.Store(File("/cache/stored/spec.yaml"), second);
        Assert.True(Parsing.SpecResultCache.TryGet(File("/cache/stored/spec.yaml"), out var found));
        Assert.Same(second, found);

        // It took one place of the four: after two more files, the one stored before it is still kept.
        Parsing.SpecResultCache.Store(File("/cache/stored/later-0.yaml"), first);
        Parsing.SpecResultCache.Store(File("/cache/stored/later-1.yaml"), first);
        Assert.True(Parsing.SpecResultCache.TryGet(File("/cache/stored/earlier.yaml"), out var kept));
        Assert.Same(earlier, kept);
    }

    private static GeneratorRun Run(string path, string text, IReadOnlyDictionary<string, string>? metadata = null) =>
        GeneratorHarness.Run([new TestAdditionalText(path, text)], metadata);

    /// <summary>The parse step's output of a run: the object the cache hands out.</summary>
    private static SpecResult Parsed(GeneratorRun run) =>
        (SpecResult)run.Result.Results.Single().TrackedSteps[TrackingNames.SpecResults].Single().Outputs.Single().Value;

    private static IEnumerable<(string, string)> Texts(GeneratorRun run) =>
        run.Sources.Select(s => (s.HintName, s.SourceText.ToString()));
}

/// <summary>Runs <see cref="SpecResultCacheTests"/> after the parallel tests, alone.</summary>
[CollectionDefinition(nameof(SpecResultCacheTests), DisableParallelization = true)]
public sealed class SpecResultCacheCollection
{
}
