using System.Text.RegularExpressions;
using IblCodegen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace IblCodegen.Tests;

/// <summary>
/// The public edge-case corpus (../shared/specs/oas-examples-3.0): every document generates models and a server
/// with all its operations, and the result compiles with no error and no warning. What has no exact C# form is
/// a warning (IBL0005) at the spec location, never silence or broken code.
/// </summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        if (Directory.Exists(RepoPaths.Corpus))
        {
            foreach (var file in Directory.GetFiles(RepoPaths.Corpus, "*.yaml").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(file));
            }
        }
        else
        {
            data.Add("(corpus missing)");
        }

        return data;
    }

    [CorpusTheory]
    [MemberData(nameof(Documents))]
    public void Generates_and_compiles_cleanly(string document)
    {
        var spec = TestAdditionalText.FromFile(Path.Combine(RepoPaths.Corpus, document));
        // Every operation stubbed by the generator (501): the point here is that everything generated compiles.
        var run = GeneratorHarness.RunWeb(spec, "namespace Service;\n/// <summary>The handlers.</summary>\n[IblCodegen.OpenApiHandlers(StubMissingHandlers = true)]\npublic partial class Handlers { }");

        Assert.Null(run.Result.Results.Single().Exception);
        // The harness compiles with warnings as errors; what the generator itself calls an error is what counts here.
        var errors = run.GeneratorDiagnostics.Where(d => d.DefaultSeverity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var problems = run.CompileProblems();
        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n{string.Join("\n", problems.Take(15))}");

        foreach (var info in run.GeneratorDiagnostics.Where(d => d.Id != "IBL0105"))
        {
            Assert.True(info.Location.Kind == LocationKind.ExternalFile, $"{info} has no spec location.");
            output.WriteLine(info.ToString());
        }

        output.WriteLine($"{document}: {run.Sources.Length} files, {run.LineCount()} lines, {Regex.Matches(run.Source(run.Sources.Single(s => s.HintName.Contains(".Handlers.", StringComparison.Ordinal)).HintName), @"Endpoints\.Map\(group, ").Count} operations");
    }

    /// <summary>
    /// The same documents in the two-project layout: an endpoint library (<c>Generate="Library"</c>) holding every
    /// operation's endpoint, and a service (<c>Generate="Server"</c>) stubbing them all against it, each compiled
    /// with no error and no warning.
    /// </summary>
    [CorpusTheory]
    [MemberData(nameof(Documents))]
    public void Compiles_as_an_endpoint_library_and_a_service_mapping_it(string document)
    {
        var spec = TestAdditionalText.FromFile(Path.Combine(RepoPaths.Corpus, document));
        var library = TwoProjectLayoutTests.EndpointLibraryImage(spec, warningsAllowed: true);
        var service = TwoProjectLayoutTests.Service(
            spec, TwoProjectLayoutTests.ServerOnly, MetadataReference.CreateFromImage(library),
            "namespace Service;\n/// <summary>The handlers.</summary>\n[IblCodegen.OpenApiHandlers(StubMissingHandlers = true)]\npublic partial class Handlers { }");

        service.AssertNoCrash();
        var errors = service.GeneratorDiagnostics.Where(d => d.DefaultSeverity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var problems = service.CompileProblems();
        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n{string.Join("\n", problems.Take(15))}");
        Assert.DoesNotContain(service.Sources, s => s.HintName == "IblCodegen.Server.Runtime.g.cs");
    }
}
