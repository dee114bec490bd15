using IblCodegen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace IblCodegen.Tests;

/// <summary>
/// The document as the generator reads it from the JSON tree: what the checks report (kind, location), and the
/// references it follows.
/// </summary>
public sealed class DocumentReadingTests
{
    private const string Header = "openapi: 3.0.3\ninfo:\n  title: shop\n  version: '1'\n";

    [Fact]
    public void A_value_of_the_wrong_kind_is_IBL0003_at_its_line_and_the_rest_still_generates()
    {
        var run = Run(Header + """
            paths:
              /items:
                get:
                  operationId: listItems
                  parameters:
                    name: limit
                  responses:
                    '200': { description: OK }
            """);
        var error = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("IBL0003", error.Id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains("'parameters' of an operation must be a list, not an object", error.GetMessage());
        Assert.Equal(9, error.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("ListItemsAsync", run.Source("Shop.Client.DefaultClient.g.cs"));
    }

    [Fact]
    public void A_misspelt_field_is_the_warning_IBL0008_naming_it()
    {
        var run = Run(Header + """
            paths:
              /items:
                post:
                  requestbody:
                    content: { application/json: { schema: { type: string } } }
                  responses:
                    '204': { description: Stored }
            """);
        var warning = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("IBL0008", warning.Id);
        Assert.Equal(DiagnosticSeverity.Warning, warning.DefaultSeverity);
        Assert.Contains("'requestbody' is not a field of an operation", warning.GetMessage());
        Assert.Equal(8, warning.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void Path_parameters_must_be_in_the_template_and_required()
    {
        var run = Run(Header + """
            paths:
              /items/{id}:
                get:
                  parameters:
                    - { name: id, in: path, schema: { type: integer } }
                    - { name: shelf, in: path, required: true, schema: { type: string } }
                  responses:
                    '200': { description: OK }
            """);
        var messages = run.GeneratorDiagnostics.Where(d => d.Id == "IBL0008").Select(d => d.GetMessage()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["The path parameter 'id' must say 'required: true'.", "The path parameter 'shelf' does not appear in the path '/items/{id}'."],
            messages);
    }

    [Fact]
    public void An_unknown_type_name_is_IBL0003()
    {
        var run = Run(Header + "paths: {}\ncomponents:\n  schemas:\n    Item:\n      type: object\n      properties:\n        size: { type: int }\n");
        var error = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("IBL0003", error.Id);
        Assert.Contains("'int' is not a type of OpenAPI 3.0", error.GetMessage());
    }

    [Fact]
    public void A_parameter_reference_that_leads_nowhere_is_IBL0004_and_the_operation_stays()
    {
        var run = Run(Header + """
            paths:
              /items:
                get:
                  operationId: listItems
                  parameters:
                    - $ref: '#/components/parameters/Limit'
                  responses:
                    '200': { description: OK }
            """);
        var error = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("IBL0004", error.Id);
        Assert.Contains("'#/components/parameters/Limit' does not resolve within this document; the parameter is left out", error.GetMessage());
        Assert.Equal(9, error.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("ListItemsAsync(\n", run.Source("Shop.Client.DefaultClient.g.cs").Replace("\r\n", "\n"));
    }

    [Fact]
    public void A_path_item_reference_that_leads_nowhere_is_IBL0004()
    {
        var run = Run(Header + "paths:\n  /things:\n    $ref: '#/paths/~1items'\n");
        var error = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("IBL0004", error.Id);
        Assert.Contains("'#/paths/~1items' does not resolve within this document; the path item is left out", error.GetMessage());
    }

    [Fact]
    public void A_path_item_reference_is_followed()
    {
        var run = Run(Header + """
            paths:
              /items:
                get:
                  operationId: listItems
                  responses:
                    '200': { description: OK }
              /things:
                $ref: '#/paths/~1items'
            """);
        Assert.Empty(run.GeneratorDiagnostics);
        var client = run.Source("Shop.Client.DefaultClient.g.cs");
        Assert.Contains("\"items\"", client);
        Assert.Contains("\"things\"", client);
    }

    [Fact]
    public void A_reference_to_a_reference_reaches_the_component()
    {
        var run = Run(Header + """
            paths:
              /items:
                get:
                  responses:
                    '200':
                      description: OK
                      content:
                        application/json:
                          schema:
                            type: object
                            properties:
                              main: { $ref: '#/components/schemas/Item' }
                              spare: { $ref: '#/paths/~1items/get/responses/200/content/application~1json/schema/properties/main' }
            components:
              schemas:
                Item:
                  type: object
                  properties:
                    name: { type: string }
            """);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileProblems());
        var models = string.Concat(run.Sources.Where(s => s.HintName.Contains(".Models.", StringComparison.Ordinal)).Select(s => s.SourceText.ToString()));
        Assert.Contains("global::Shop.Item? Spare { get; set; }", models);
    }

    [Fact]
    public void A_description_beside_a_reference_documents_the_property()
    {
        var run = Run(Header + """
            paths: {}
            components:
              schemas:
                Order:
                  type: object
                  properties:
                    billing:
                      description: Where the invoice goes.
                      $ref: '#/components/schemas/Address'
                    shipping: { $ref: '#/components/schemas/Address' }
                Address:
                  type: object
                  description: A postal address.
                  properties:
                    city: { type: string }
            """);
        var order = run.Source("Shop.Models.O.g.cs");
        Assert.Contains("/// <summary>Where the invoice goes.</summary>", order);
        Assert.Contains("/// <summary>A postal address.</summary>", order);
    }

    [Fact]
    public void A_null_default_is_no_default()
    {
        var run = Run(Header + "paths: {}\ncomponents:\n  schemas:\n    Item:\n      type: object\n      properties:\n        note: { type: string, nullable: true, default: null }\n");
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.DoesNotContain("Defaults to", run.Source("Shop.Models.I.g.cs"));
    }

    [Fact]
    public void A_union_of_plain_types_is_named_by_its_types()
    {
        var run = Run(Header + "paths: {}\ncomponents:\n  schemas:\n    Item:\n      type: object\n      properties:\n        size:\n          oneOf: [{ type: integer }, { type: boolean }]\n");
        var warning = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("IBL0005", warning.Id);
        Assert.Contains("A value that is boolean or integer at '#/components/schemas/Item/properties/size'", warning.GetMessage());
    }

    private static GeneratorRun Run(string yaml)
    {
        var run = GeneratorHarness.Run(new TestAdditionalText("/specs/shop.yaml", yaml));
        Assert.Null(run.Result.Results.Single().Exception);
        return run;
    }
}
