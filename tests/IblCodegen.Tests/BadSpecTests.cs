using IblCodegen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace IblCodegen.Tests;

/// <summary>Broken specs give a diagnostic with an ID and a position in the spec; the generator never throws.</summary>
public sealed class BadSpecTests
{
    private const string ValidHeader = "openapi: 3.0.3\ninfo:\n  title: broken\n  version: '1'\npaths: {}\n";

    [Fact]
    public void Malformed_yaml_is_IBL0001_at_the_broken_line()
    {
        var diagnostic = Single("openapi: 3.0.3\ninfo:\n  title: [unclosed\n  version: '1'\n", "IBL0001");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.InRange(diagnostic.Location.GetLineSpan().StartLinePosition.Line, 2, 4);
    }

    [Fact]
    public void Malformed_json_is_IBL0001_at_the_broken_line()
    {
        var diagnostic = Single("{\n  \"openapi\": \"3.0.3\",\n  \"info\": { \"title\": \"x\" \"version\": \"1\" }\n}", "IBL0001", "broken.json");
        Assert.Equal(2, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void A_duplicate_key_is_IBL0001()
    {
        var diagnostic = Single(ValidHeader + "components:\n  schemas:\n    A:\n      type: object\n    A:\n      type: string\n", "IBL0001");
        Assert.Contains("'A' appears twice", diagnostic.GetMessage());
        Assert.Equal(9, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void A_duplicate_key_in_json_is_IBL0001_at_the_second_key()
    {
        var json = "{\n  \"openapi\": \"3.0.3\",\n  \"info\": { \"title\": \"x\", \"version\": \"1\" },\n  \"paths\": {},\n  \"info\": {}\n}";
        var diagnostic = Single(json, "IBL0001", "broken.json");
        Assert.Contains("'info' appears twice", diagnostic.GetMessage());
        Assert.Equal(new LinePosition(4, 2), diagnostic.Location.GetLineSpan().StartLinePosition);
    }

    [Fact]
    public void An_empty_file_is_IBL0002()
    {
        var diagnostic = Single(string.Empty, "IBL0002");
        Assert.Contains("empty", diagnostic.GetMessage());
    }

    [Fact]
    public void A_yaml_file_that_is_not_openapi_is_IBL0002()
    {
        var diagnostic = Single("name: my-app\nversion: 2\n", "IBL0002");
        Assert.Contains("'openapi'", diagnostic.GetMessage());
    }

    [Fact]
    public void A_missing_ref_target_is_IBL0004_at_the_ref()
    {
        var yaml = ValidHeader + """
            components:
              schemas:
                Course:
                  type: object
                  properties:
                    owner:
                      $ref: '#/components/schemas/Missing'
            """;
        var run = GeneratorHarness.Run(new TestAdditionalText("/specs/broken.yaml", yaml));
        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "IBL0004");
        Assert.Contains("#/components/schemas/Missing", diagnostic.GetMessage());
        Assert.Equal(11, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal("/specs/broken.yaml", diagnostic.Location.GetLineSpan().Path);

        // The span is the file's own offset too: where the line and column point, at the value of the $ref.
        var lines = yaml.ReplaceLineEndings("\n").Split('\n');
        var position = diagnostic.Location.GetLineSpan().StartLinePosition;
        var offset = lines.Take(position.Line).Sum(line => line.Length + 1) + position.Character;
        Assert.Equal(offset, diagnostic.Location.SourceSpan.Start);
        Assert.StartsWith("'#/components/schemas/Missing'", yaml.ReplaceLineEndings("\n")[offset..], StringComparison.Ordinal);

        // Nothing is lost: the rest of the type is still generated, with the broken member as raw JSON.
        Assert.Contains("JsonElement? Owner", run.Source("Broken.Models.C.g.cs"));
    }

    [Fact]
    public void A_document_nested_too_deep_is_IBL0001_not_a_crash()
    {
        var yaml = ValidHeader + "x-deep: " + string.Concat(Enumerable.Repeat("[", 500)) + string.Concat(Enumerable.Repeat("]", 500)) + "\n";
        var diagnostic = Single(yaml, "IBL0001");
        Assert.Contains("deeper", diagnostic.GetMessage());
    }

    [Fact]
    public void An_alias_bomb_is_IBL0001_not_a_crash()
    {
        var lines = new List<string> { "a: &a [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 9; i++)
        {
            var previous = (char)('a' + i - 1);
            lines.Add($"{(char)('a' + i)}: &{(char)('a' + i)} [{string.Join(", ", Enumerable.Repeat("*" + previous, 10))}]");
        }

        var diagnostic = Single(ValidHeader + string.Join("\n", lines) + "\n", "IBL0001");
        Assert.Contains("nodes", diagnostic.GetMessage());
    }

    [Fact]
    public void A_document_breaking_a_rule_is_the_warning_IBL0008_and_still_generates()
    {
        var run = GeneratorHarness.Run(new TestAdditionalText("/specs/broken.yaml", "openapi: 3.0.3\npaths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        x: { type: string }\n"));
        var warning = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "IBL0008");
        Assert.Equal(DiagnosticSeverity.Warning, warning.DefaultSeverity);
        Assert.Contains("'info'", warning.GetMessage());
        Assert.Contains(run.Sources, s => s.HintName == "Broken.Models.A.g.cs");
        run.AssertNoCrash();
    }

    [Fact]
    public void A_document_the_reader_rejects_is_IBL0003()
    {
        var run = GeneratorHarness.Run(new TestAdditionalText("/specs/broken.yaml", "openapi: 7.0.0\ninfo: { title: x, version: '1' }\npaths: {}\n"));
        var error = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("IBL0003", error.Id);
        run.AssertNoCrash();
    }

    private static Diagnostic Single(string text, string id, string fileName = "broken.yaml")
    {
        var run = GeneratorHarness.Run(new TestAdditionalText("/specs/" + fileName, text));
        run.AssertNoCrash();
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.True(diagnostic.Location.IsInSource || diagnostic.Location.Kind == LocationKind.ExternalFile, "The diagnostic has no location.");
        return diagnostic;
    }
}
