using IblCodegen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IblCodegen.Tests;

/// <summary>
/// The generator's stages depend one way: Parsing → Model → Emitting. The model (with its naming component) knows
/// neither stage; parsing and emitting do not know each other; only the pipeline knows them all. Read off the
/// generator's own source with Roslyn's binder, so a reference through a fully qualified name counts as much as one
/// through a using.
/// </summary>
public sealed class ArchitectureTests
{
    /// <summary>
    /// Which stages each stage may use. Diagnostics, <c>SpecText</c> (the one sanitiser) and <c>Compile</c> (a JIT hint)
    /// are shared by all; the pipeline is the generator class and its step names.
    /// </summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Model"] = ["Model", "Shared"],
        ["Parsing"] = ["Parsing", "Model", "Shared"],
        ["Emitting"] = ["Emitting", "Model", "Shared"],
        ["Shared"] = ["Shared", "Model"],
        ["Pipeline"] = ["Pipeline", "Parsing", "Model", "Emitting", "Shared"],
    };

    private static readonly Lazy<CSharpCompilation> GeneratorSource = new(CompileGeneratorSource);

    [Fact]
    public void No_stage_references_a_later_one_nor_a_sibling()
    {
        var (violations, edges) = Walk(GeneratorSource.Value);
        Assert.True(edges > 500, $"Only {edges} references between the generator's own types were found: the walk is broken.");
        Assert.True(violations.Count == 0, "Stages referencing a later stage or a sibling:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_check_catches_a_model_type_reaching_into_the_parser_by_its_full_name()
    {
        var planted = CSharpSyntaxTree.ParseText(
            "namespace IblCodegen.Model;\n\ninternal static class Planted\n{\n    public static System.Type Probe() => typeof(IblCodegen.Parsing.SpecParser);\n}\n",
            CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest),
            path: Path.Combine(RepoPaths.Root, "src", "IblCodegen", "Model", "Planted.cs"));
        var (violations, _) = Walk(GeneratorSource.Value.AddSyntaxTrees(planted));
        Assert.Equal(["src/IblCodegen/Model/Planted.cs:5: Model uses Parsing (SpecParser)"], violations.Select(v => v.Replace('\\', '/')));
    }

    /// <summary>Every reference from one of the generator's types to another whose stage the first may not use.</summary>
    private static (SortedSet<string> Violations, int Edges) Walk(CSharpCompilation compilation)
    {
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The generator's source must bind for this test to mean anything:\n" + string.Join("\n", errors.Take(10)));

        var violations = new SortedSet<string>(StringComparer.Ordinal);
        var edges = 0;
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            var root = tree.GetRoot();
            var from = StageOf(root.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>().First().Name.ToString(), FirstTypeName(root));
            foreach (var name in root.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                var symbol = model.GetSymbolInfo(name).Symbol;
                var type = symbol as INamedTypeSymbol ?? symbol?.ContainingType;
                while (type?.ContainingType is { } outer)
                {
                    type = outer;
                }

                if (type is null || !IsGenerator(type))
                {
                    continue;
                }

                var to = StageOf(type.ContainingNamespace.ToDisplayString(), type.Name);
                edges++;
                if (!Allowed[from].Contains(to))
                {
                    var line = name.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    violations.Add($"{Path.GetRelativePath(RepoPaths.Root, tree.FilePath)}:{line}: {from} uses {to} ({type.Name})");
                }
            }
        }

        return (violations, edges);
    }

    private static bool IsGenerator(INamedTypeSymbol type) =>
        type.ContainingAssembly?.Name == "IblCodegen.Source" && type.ContainingNamespace.ToDisplayString().StartsWith("IblCodegen", StringComparison.Ordinal);

    private static string StageOf(string @namespace, string? typeName) => @namespace switch
    {
        "IblCodegen.Model" or "IblCodegen.Model.Naming" => "Model",
        "IblCodegen.Parsing" or "IblCodegen.Parsing.Tree" => "Parsing",
        "IblCodegen.Emitting" => "Emitting",
        "IblCodegen.Diagnostics" => "Shared",
        "IblCodegen" when typeName is "OpenApiGenerator" or "TrackingNames" => "Pipeline",
        "IblCodegen" => "Shared",
        _ => throw new InvalidOperationException($"The namespace {@namespace} belongs to no stage: add it to the map."),
    };

    private static string? FirstTypeName(SyntaxNode root) =>
        root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault()?.Identifier.Text;

    private static CSharpCompilation CompileGeneratorSource()
    {
        var source = Path.Combine(RepoPaths.Root, "src", "IblCodegen");
        var options = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        var trees = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), options, path))
            .ToList();

        // The framework, Roslyn and the generator's own dependencies; not the generator's assembly, whose source this is.
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"))
            .Where(path => Path.GetFileName(path) is not "IblCodegen.dll")
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(group => MetadataReference.CreateFromFile(group.First()));
        return CSharpCompilation.Create(
            "IblCodegen.Source",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }
}
