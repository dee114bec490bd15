using IblCodegen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace IblCodegen.Tests;

/// <summary>
/// Generated files turn nullable warnings off (annotations stay on), so a consumer's compiler skips the nullable flow
/// analysis of the generated bodies; the tests turn them back on (<see cref="GeneratorRun.CompileProblems"/>).
/// </summary>
public sealed class NullableContextTests
{
    [Fact]
    public void The_generated_files_turn_nullable_warnings_off_and_the_tests_turn_them_back_on()
    {
        // A generated file with a body the nullable analysis objects to: a string? returned as a string.
        var run = GeneratorHarness.Run(TestAdditionalText.FromFile(RepoPaths.ProjectSpec));
        var planted = CSharpSyntaxTree.ParseText(
            Header(run) + "internal static class Planted { public static string Echo(string? text) => text; }\n",
            GeneratorHarness.ParseOptions,
            path: "Planted.g.cs");
        var output = run.Output.AddSyntaxTrees(planted);

        // The consumer's build: nothing reported.
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Id == "CS8603");

        // The tests: the warning, at the planted line.
        var warning = Assert.Single(run.WithNullableWarnings(output).GetDiagnostics(), d => d.Id == "CS8603");
        Assert.Equal("Planted.g.cs", warning.Location.SourceTree!.FilePath);
        Assert.Equal(Header(run).Count(c => c == '\n'), warning.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void The_generated_API_carries_its_nullable_annotations()
    {
        var run = GeneratorHarness.Run(TestAdditionalText.FromFile(RepoPaths.ProjectSpec));
        var suggestion = run.Output.GetTypeByMetadataName("IblDataManager.CourseSuggestionDetail")!;
        Assert.Equal(NullableAnnotation.NotAnnotated, ((IPropertySymbol)suggestion.GetMembers("Username").Single()).NullableAnnotation);
        var problem = run.Output.GetTypeByMetadataName("IblDataManager.ProblemDetails")!;
        Assert.Contains(problem.GetMembers().OfType<IPropertySymbol>(), p => p.NullableAnnotation == NullableAnnotation.Annotated && !p.Type.IsValueType);
    }

    [Fact]
    public void Turning_the_warnings_off_changes_nothing_in_the_compiled_assembly()
    {
        var run = GeneratorHarness.RunWeb(TestAdditionalText.FromFile(RepoPaths.ProjectSpec));
        Assert.Equal(Image(run.WithNullableWarnings(run.Output)), Image(run.Output));
    }

    private static string Header(GeneratorRun run)
    {
        var text = run.Sources.First(s => s.HintName.EndsWith(".Page.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        return text[..(text.IndexOf("#nullable disable warnings\n", StringComparison.Ordinal) + "#nullable disable warnings\n".Length)];
    }

    private static byte[] Image(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics));
        return stream.ToArray();
    }
}
