using IblCodegen.Tests.Infrastructure;

namespace IblCodegen.Tests;

/// <summary>Swagger 2.0 and OpenAPI 3.1, in YAML and JSON, are read through the same pipeline.</summary>
public sealed class FormatsTests
{
    [Fact]
    public void A_swagger_2_yaml_document_generates_its_definitions()
    {
        const string spec = """
            swagger: '2.0'
            info: { title: legacy, version: '1.0' }
            paths: {}
            definitions:
              Pet:
                type: object
                required: [name, nick]
                properties:
                  name: { type: string }
                  nick: { type: string, x-nullable: true }
                  born: { type: string, format: date }
            """;
        var run = GeneratorHarness.Run(new TestAdditionalText("/specs/legacy.yaml", spec));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileProblems());
        var pet = run.Source("Legacy.Models.P.g.cs");
        Assert.Contains("public required string Name { get; set; }", pet);
        Assert.Contains("public required string? Nick { get; set; }", pet);
        Assert.Contains("public global::System.DateOnly? Born { get; set; }", pet);
    }

    [Fact]
    public void An_openapi_3_1_json_document_reads_type_arrays_as_nullability()
    {
        const string spec = """
            {
              "openapi": "3.1.0",
              "info": { "title": "modern", "version": "1.0" },
              "paths": {},
              "components": { "schemas": { "Item": {
                "type": "object",
                "required": ["label"],
                "properties": { "label": { "type": ["string", "null"] }, "size": { "type": "integer", "format": "int64" } }
              } } }
            }
            """;
        var run = GeneratorHarness.Run(new TestAdditionalText("/specs/modern.json", spec));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileProblems());
        var item = run.Source("Modern.Models.I.g.cs");
        Assert.Contains("public required string? Label { get; set; }", item);
        Assert.Contains("public long? Size { get; set; }", item);
    }
}
