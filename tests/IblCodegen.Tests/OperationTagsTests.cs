using IblCodegen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace IblCodegen.Tests;

/// <summary>
/// An operation may name several tags. It is held by the client of the first; a selection by any of them selects
/// it; its endpoint carries all of them, as the spec lists them, for the service's OpenAPI document.
/// </summary>
public sealed class OperationTagsTests
{
    private const string Spec = """
        openapi: 3.0.3
        info: { title: shop, version: '1' }
        paths:
          /orders:
            get:
              operationId: list_orders
              tags: [orders, reports, orders]
              responses:
                '200': { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/Order' } } } } }
          /stock:
            get:
              operationId: get_stock
              tags: [stock]
              responses:
                '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Stock' } } } }
          /ping:
            get:
              operationId: ping
              responses:
                '204': { description: alive }
        components:
          schemas:
            Order: { type: object, properties: { id: { type: integer } } }
            Stock: { type: object, properties: { count: { type: integer } } }
        """;

    private static TestAdditionalText ShopSpec => new("/specs/shop.yaml", Spec);

    [Fact]
    public void A_spec_item_selecting_a_later_tag_gets_the_operation_in_its_first_tag_s_client()
    {
        var run = GeneratorHarness.Run([ShopSpec], new Dictionary<string, string> { [OpenApiGenerator.TagsMetadata] = "Reports" });
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileProblems());
        Assert.Contains("ListOrdersAsync", run.Source("Shop.Client.OrdersClient.g.cs"), StringComparison.Ordinal);
        Assert.DoesNotContain(run.Sources, s => s.HintName.EndsWith("Client.ReportsClient.g.cs", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Sources, s => s.HintName.EndsWith("Client.StockClient.g.cs", StringComparison.Ordinal));
        var models = string.Concat(run.Sources.Where(s => s.HintName.Contains(".Models.", StringComparison.Ordinal)).Select(s => s.SourceText.ToString()));
        Assert.Contains("public partial class Order", models, StringComparison.Ordinal);
        Assert.DoesNotContain("public partial class Stock", models, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unmatched_tag_entry_is_offered_the_later_tags_too()
    {
        var run = GeneratorHarness.Run([ShopSpec], new Dictionary<string, string> { [OpenApiGenerator.TagsMetadata] = "report" });
        var error = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "IBL0011");
        Assert.Contains("closest: 'reports'", error.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_operation_without_tags_is_tagged_default()
    {
        var run = GeneratorHarness.Run([ShopSpec], new Dictionary<string, string> { [OpenApiGenerator.TagsMetadata] = "default" });
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("PingAsync", run.Source("Shop.Client.DefaultClient.g.cs"), StringComparison.Ordinal);
        Assert.DoesNotContain(run.Sources, s => s.HintName.EndsWith("Client.OrdersClient.g.cs", StringComparison.Ordinal));
    }

    /// <summary>
    /// The endpoints a handler class selecting a later tag maps, built into a real app: each carries the tags the
    /// spec lists (<see cref="Microsoft.AspNetCore.Http.Metadata.ITagsMetadata"/>, what OpenAPI documents are made from).
    /// </summary>
    [Fact]
    public void A_handler_class_selecting_a_later_tag_maps_the_operation_with_every_tag_it_names()
    {
        const string Handlers = """
            namespace Service;

            /// <summary>The report endpoints, stubbed.</summary>
            [IblCodegen.OpenApiHandlers(Tags = ["reports", "default"], StubMissingHandlers = true)]
            public sealed partial class Handlers { }
            """;
        const string Host = """
            namespace Service;
            using System.Linq;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http.Metadata;
            using Microsoft.AspNetCore.Routing;

            /// <summary>Maps the handlers in an app that is never started, and lists what each endpoint says.</summary>
            public static class Host
            {
                /// <summary>Each endpoint as "name: tag, tag".</summary>
                public static string[] Endpoints()
                {
                    var app = WebApplication.CreateSlimBuilder().Build();
                    Handlers.MapEndpoints(app);
                    return ((IEndpointRouteBuilder)app).DataSources
                        .SelectMany(source => source.Endpoints)
                        .Select(endpoint => endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName + ": "
                            + string.Join(", ", endpoint.Metadata.GetOrderedMetadata<ITagsMetadata>().SelectMany(tags => tags.Tags)))
                        .Order()
                        .ToArray();
                }
            }
            """;
        var run = GeneratorHarness.RunWeb(ShopSpec, Handlers, Host);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id != "IBL0105");
        var assembly = GeneratedAssembly.Load(run);

        var endpoints = (string[])assembly.GetRequiredType("Service.Host").GetMethod("Endpoints")!.Invoke(null, null)!;

        Assert.Equal(["list_orders: orders, reports", "ping: default"], endpoints);
    }
}
