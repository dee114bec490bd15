using System.Text.Json.Nodes;
using IblCodegen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit.Abstractions;

namespace IblCodegen.Tests;

/// <summary>
/// Spec text is data: whatever a document says, its text reaches the generated code only inside string literals,
/// comments or doc-comment text, never as a directive, a token or a member. Each payload is written into every place
/// where spec text reaches the output (titles, versions, descriptions and summaries at every level, enum values,
/// defaults, examples, names of schemas, properties, parameters, operations, tags, security schemes and headers,
/// path templates, server URLs, permissions in both forms, media types, form fields, discriminator values). The
/// verdict comes from Roslyn's syntax trees of the output, not from searching its text.
/// </summary>
public sealed class SpecTextInjectionTests(ITestOutputHelper output)
{
    /// <summary>What a payload tries to smuggle in; legitimate output only ever shows it as text.</summary>
    private const string Marker = "injected_code";

    private static readonly string[] LineTerminators = ["\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029"];

    public static TheoryData<string, string> Payloads()
    {
        var data = new TheoryData<string, string>();
        foreach (var terminator in LineTerminators)
        {
            var name = $"U+{(int)terminator[^1]:X4}{(terminator.Length == 2 ? " (CRLF)" : string.Empty)}";
            data.Add($"{name} then a directive", $"x{terminator}#error {Marker}{terminator}#define {Marker}{terminator}");
            data.Add(
                $"{name} then a member",
                $"x{terminator}[global::System.Runtime.CompilerServices.ModuleInitializer] internal static void {Marker}() {{ }}{terminator}public static int {Marker}2 = 1;{terminator}// ");
        }

        data.Add("quote breakout", $"x\"; public static int {Marker} = 1; //");
        data.Add("backslash breakout", $"x\\\"; public static int {Marker} = 1; //\\");
        data.Add("block comment end", $"x */ public static int {Marker} = 1; /* ");
        data.Add("summary end", $"x</summary></member><{Marker}/><summary>");
        data.Add("CDATA end", $"x]]> <{Marker}> <![CDATA[ y");
        data.Add("XML entity and comment", $"x &{Marker}; <!-- {Marker} --> <see cref=\"{Marker}\"/>");
        data.Add("bidirectional override", $"x\u202E{Marker}\u2066y\u2069\u202C");
        data.Add("zero-width characters", $"x\u200B{Marker}\u200D\uFEFF");
        return data;
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Spec_text_reaches_the_output_only_as_text(string name, string payload)
    {
        var run = Generate(payload);
        run.AssertNoCrash();
        AssertCompilesOrIsDiagnosed(run, name);

        var textOccurrences = 0;
        foreach (var source in run.Sources)
        {
            var tree = CSharpSyntaxTree.ParseText(source.SourceText, GeneratorHarness.ParseOptions);
            textOccurrences += AssertOnlyAsText(tree, source.HintName);
        }

        output.WriteLine($"{name}: the payload shows as text {textOccurrences} times in {run.Sources.Length} files.");

        // The check above must have something to judge: the payload reaches the output, as text, in many places.
        Assert.True(textOccurrences >= 20, $"The payload reached the output only {textOccurrences} times.");
    }

    /// <summary>The same in an endpoint library (<c>Generate="Library"</c>), whose endpoint files carry the operations' text too.</summary>
    [Theory]
    [MemberData(nameof(Payloads))]
    public void In_an_endpoint_library_spec_text_reaches_the_output_only_as_text(string name, string payload)
    {
        var run = Generate(payload, new Dictionary<string, string> { [OpenApiGenerator.GenerateMetadata] = "Library" });
        run.AssertNoCrash();
        AssertCompilesOrIsDiagnosed(run, name);

        var endpointFiles = run.Sources.Where(s => s.HintName.Contains(".Endpoints.", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(endpointFiles);
        var textOccurrences = endpointFiles.Sum(source => AssertOnlyAsText(CSharpSyntaxTree.ParseText(source.SourceText, GeneratorHarness.ParseOptions), source.HintName));
        output.WriteLine($"{name}: the payload shows as text {textOccurrences} times in {endpointFiles.Count} endpoint files.");
        Assert.True(textOccurrences >= 5, $"The payload reached the endpoint files only {textOccurrences} times.");
    }

    public static TheoryData<string> AwkwardNames() =>
        ["class", "int", "void", "Permissions", "SecuritySchemes", "Title", "Version", "Equals", "ToString", "GetType", "Value", "Converter", "IsKnown"];

    [Theory]
    [MemberData(nameof(AwkwardNames))]
    public void Names_that_are_keywords_or_members_still_compile(string name)
    {
        var run = Generate(name);
        run.AssertNoCrash();
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.DefaultSeverity == DiagnosticSeverity.Error);
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void Invisible_characters_in_names_are_dropped_with_a_located_warning()
    {
        var run = Generate($"Safe\u202EName\u200B");
        var warnings = run.GeneratorDiagnostics.Where(d => d.Id == "IBL0010").ToList();
        Assert.NotEmpty(warnings);
        Assert.All(warnings, w => Assert.Equal("/specs/hostile.json", w.Location.GetLineSpan().Path));
        Assert.Contains(warnings, w => w.GetMessage().Contains("U+202E", StringComparison.Ordinal));
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void Invisible_characters_are_found_written_raw_or_as_escapes_in_yaml()
    {
        var yaml = "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n  /a:\n    get:\n      operationId: \"get\\u200Bthing\"\n"
            + "      responses: { '204': { description: none } }\ncomponents:\n  schemas:\n    Safe\u202EName: { type: object, properties: { a: { type: string } } }\n";
        var run = GeneratorHarness.Run(new TestAdditionalText("/specs/hidden.yaml", yaml));
        var warnings = run.GeneratorDiagnostics.Where(d => d.Id == "IBL0010").OrderBy(d => d.Location.GetLineSpan().StartLinePosition.Line).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains("U+200B", warnings[0].GetMessage(), StringComparison.Ordinal);
        Assert.Equal(5, warnings[0].Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("U+202E", warnings[1].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("Safe\\u202EName", warnings[1].GetMessage(), StringComparison.Ordinal);
        Assert.Equal(9, warnings[1].Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains(run.Sources, s => s.SourceText.ToString().Contains("class SafeName", StringComparison.Ordinal));
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void The_checker_catches_text_that_became_code()
    {
        // The judge of the tests above, tried on code a breakout would produce: each must be caught.
        string[] broken =
        [
            $"// x\n#error {Marker}\nclass A {{ }}",
            $"class A {{ static int {Marker} = 1; }}",
            $"/// <summary>x</summary><{Marker}/>\nclass A {{ }}",
            $"/// <summary>x &{Marker};</summary>\nclass A {{ }}",
            $"#if {Marker}\nclass B {{ }}\n#endif\nclass A {{ }}",
            $"class A {{ string s = \"x\u202E{Marker}\"; }}",
        ];

        foreach (var source in broken)
        {
            var tree = CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions);
            Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertOnlyAsText(tree, "broken.cs"));
        }

        var fine = CSharpSyntaxTree.ParseText($"// {Marker}\n/// <summary>{Marker} &amp;</summary>\nclass A {{ string s = \"{Marker}\\u202E\"; }}", GeneratorHarness.ParseOptions);
        Assert.Equal(3, AssertOnlyAsText(fine, "fine.cs"));
    }

    /// <summary>
    /// Fails where the marker shows anywhere but in a string literal, a comment or doc-comment text, where any
    /// directive but the generator's own appears, or where an invisible character is written raw. Returns how often
    /// the marker shows as text.
    /// </summary>
    private static int AssertOnlyAsText(SyntaxTree tree, string file)
    {
        var root = tree.GetRoot();
        var text = tree.GetText().ToString();
        for (var i = 0; i < text.Length; i++)
        {
            Assert.False(IblCodegen.SpecText.IsInvisible(text, i) || text[i] is '\r' or '\u0085' or '\u2028' or '\u2029', $"{file}: a raw U+{(int)text[i]:X4} at offset {i}.");
        }

        foreach (var directive in root.DescendantNodes(descendIntoTrivia: true).OfType<DirectiveTriviaSyntax>())
        {
            Assert.True(
                directive is NullableDirectiveTriviaSyntax or PragmaWarningDirectiveTriviaSyntax,
                $"{file}: the directive '{directive}' at line {directive.GetLocation().GetLineSpan().StartLinePosition.Line + 1}.");
        }

        var count = 0;
        foreach (var token in root.DescendantTokens(descendIntoTrivia: true))
        {
            if (!token.Text.Contains(Marker, StringComparison.Ordinal))
            {
                continue;
            }

            var isText = token.Kind() is SyntaxKind.StringLiteralToken or SyntaxKind.XmlTextLiteralToken;
            Assert.True(isText, $"{file}: the payload is a {token.Kind()} ('{token.Text}') at line {token.GetLocation().GetLineSpan().StartLinePosition.Line + 1}.");
            count++;
        }

        foreach (var trivia in root.DescendantTrivia(descendIntoTrivia: true))
        {
            if (trivia.HasStructure || !trivia.ToFullString().Contains(Marker, StringComparison.Ordinal))
            {
                continue;
            }

            Assert.True(
                trivia.Kind() is SyntaxKind.SingleLineCommentTrivia or SyntaxKind.MultiLineCommentTrivia,
                $"{file}: the payload is {trivia.Kind()} ('{trivia}') at line {trivia.GetLocation().GetLineSpan().StartLinePosition.Line + 1}.");
            count++;
        }

        return count;
    }

    /// <summary>
    /// The output compiles, or the generator reported an error located in the spec that says why not. (Warnings are
    /// errors in this harness; the stubs' IBL0105 warnings stand at the handler class, and say nothing is wrong.)
    /// </summary>
    private static void AssertCompilesOrIsDiagnosed(GeneratorRun run, string name)
    {
        var errors = run.GeneratorDiagnostics.Where(d => d.DefaultSeverity == DiagnosticSeverity.Error).ToList();
        Assert.All(errors, e => Assert.Equal("/specs/hostile.json", e.Location.GetLineSpan().Path));
        if (errors.Count == 0)
        {
            var problems = run.CompileProblems();
            Assert.True(problems.Count == 0, $"{name}: no generator error, yet the output does not compile:\n{string.Join("\n", problems.Take(10))}");
        }
    }

    private static GeneratorRun Generate(string payload, Dictionary<string, string>? metadata = null)
    {
        const string Handlers = "namespace Service; /// <summary>Every operation, answering 501.</summary>\n[IblCodegen.OpenApiHandlers(StubMissingHandlers = true)] public partial class Handlers { }";
        // ServeDocument: the spec's own document reaches the output too, as one string literal.
        metadata ??= [];
        metadata[OpenApiGenerator.ServeDocumentMetadata] = "true";
        return GeneratorHarness.Run(
            [new TestAdditionalText("/specs/hostile.json", HostileSpec(payload).ToJsonString())],
            metadata,
            web: true,
            Handlers);
    }

    /// <summary>A valid document with <paramref name="p"/> in every place spec text can reach the output.</summary>
    private static JsonObject HostileSpec(string p)
    {
        JsonArray Values(params string[] values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
        JsonObject Text() => new() { ["type"] = "string", ["description"] = p, ["default"] = p, ["example"] = p };
        JsonObject Enum() => new() { ["type"] = "string", ["description"] = p, ["enum"] = Values("plain", p), ["default"] = p, ["example"] = p };
        JsonObject Parameter(string name, string location, bool required = false) => new()
        {
            ["name"] = name,
            ["in"] = location,
            ["required"] = required,
            ["description"] = p,
            ["example"] = p,
            ["schema"] = Enum(),
        };

        var thing = new JsonObject
        {
            ["type"] = "object",
            ["description"] = p,
            ["required"] = Values("kind", p), // a required member's JSON name is also in the list its read is checked against
            ["properties"] = new JsonObject
            {
                ["kind"] = new JsonObject { ["type"] = "string" },
                [p] = Text(),
                ["state"] = Enum(),
                ["nested"] = new JsonObject { ["type"] = "object", ["description"] = p, ["properties"] = new JsonObject { [p] = Text() } },
                ["list"] = new JsonObject { ["type"] = "array", ["description"] = p, ["items"] = Enum() },
            },
            ["discriminator"] = new JsonObject { ["propertyName"] = "kind", ["mapping"] = new JsonObject { [p] = "#/components/schemas/Special" } },
        };

        var operation = new JsonObject
        {
            ["operationId"] = p,
            ["summary"] = p,
            ["description"] = $"{p} Requires {PermissionName(p)} permission.",
            ["tags"] = Values(p),
            ["parameters"] = new JsonArray(
                Parameter(p, "path", required: true),
                Parameter(p, "query"),
                Parameter(p + "h", "header"),
                Parameter(p + "c", "cookie")),
            ["requestBody"] = new JsonObject
            {
                ["description"] = p,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/Thing" } } },
            },
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = p,
                    ["headers"] = new JsonObject { [p] = new JsonObject { ["description"] = p, ["schema"] = Text() } },
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/Thing" } } },
                },
                ["400"] = new JsonObject { ["description"] = p },
            },
        };

        var upload = new JsonObject
        {
            ["operationId"] = "upload_" + p,
            ["description"] = p,
            // A later tag reaches the endpoint's metadata, which carries every tag of an operation.
            ["tags"] = Values(p, "later " + p),
            ["x-ibl-permissions"] = Values(PermissionName(p)),
            // The same query parameter as the other operation's: one shared enum type, named after the parameter.
            ["parameters"] = new JsonArray(Parameter(p, "query")),
            ["requestBody"] = new JsonObject
            {
                ["content"] = new JsonObject
                {
                    ["multipart/form-data"] = new JsonObject
                    {
                        ["schema"] = new JsonObject
                        {
                            ["type"] = "object",
                            ["properties"] = new JsonObject
                            {
                                [p] = Text(),
                                ["file"] = new JsonObject { ["type"] = "string", ["format"] = "binary", ["description"] = p },
                            },
                        },
                    },
                },
            },
            ["responses"] = new JsonObject
            {
                ["201"] = new JsonObject
                {
                    ["description"] = p,
                    ["content"] = new JsonObject { ["application/vnd." + p + "+json"] = new JsonObject { ["schema"] = Enum() } },
                },
            },
        };

        return new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject { ["title"] = p, ["version"] = p, ["description"] = p },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "https://example.test/" + p, ["description"] = p }),
            ["tags"] = new JsonArray(new JsonObject { ["name"] = p, ["description"] = p }),
            ["security"] = new JsonArray(new JsonObject { [p] = new JsonArray() }),
            ["paths"] = new JsonObject
            {
                ["/things/{" + p + "}"] = new JsonObject { ["post"] = operation },
                ["/uploads/" + p] = new JsonObject { ["put"] = upload },
            },
            ["components"] = new JsonObject
            {
                ["schemas"] = new JsonObject
                {
                    ["Thing"] = thing,
                    ["Special"] = new JsonObject
                    {
                        ["description"] = p,
                        ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/components/schemas/Thing" }, new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["extra"] = Text() } }),
                    },
                    [p] = Enum(),
                },
                ["securitySchemes"] = new JsonObject
                {
                    [p] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "X-" + p, ["description"] = p },
                },
            },
        };
    }

    /// <summary>
    /// A permission is an identifier in both of its forms (x-ibl-permissions, or the description's "Requires …
    /// permission" sentence); text that is not one never becomes a permission, so the payload reaches them only when it
    /// is a name.
    /// </summary>
    private static string PermissionName(string payload) => IblCodegen.Parsing.TextPatterns.IsIdentifier(payload) ? payload : "CanEdit";
}
