using System.Reflection;
using IblCodegen.Tests.Infrastructure;

namespace IblCodegen.Tests;

/// <summary>
/// <c>Enumerate…Async</c> walking a paged list, against a stub handler compiled with the generated code: one list
/// linked by URL (with a header parameter, which every page request carries, and query parameters named as the
/// walker's own lambda parameters) and one linked by page number.
/// </summary>
public sealed class ClientPagingTests
{
    private const string Spec = """
        openapi: 3.0.3
        info: { title: paging, version: '1' }
        paths:
          /linked/:
            get:
              operationId: linked_list
              tags: [items]
              parameters:
                - { name: page_size, in: query, schema: { type: integer } }
                - { name: X-Trace, in: header, schema: { type: string } }
                - { name: nextLink, in: query, schema: { type: string } }
                - { name: pageCancellation, in: query, schema: { type: string } }
              responses:
                '200':
                  description: A page.
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/PaginatedItemList' }
          /numbered/:
            get:
              operationId: numbered_list
              tags: [items]
              parameters:
                - { name: page, in: query, schema: { type: integer } }
                - { name: kind, in: query, schema: { type: string } }
              responses:
                '200':
                  description: A page.
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/NumberedItemList' }
        components:
          schemas:
            Item:
              type: object
              required: [id]
              properties:
                id: { type: string }
            PaginatedItemList:
              type: object
              required: [count, results]
              properties:
                count: { type: integer }
                next: { type: string, nullable: true }
                previous: { type: string, nullable: true }
                results: { type: array, items: { $ref: '#/components/schemas/Item' } }
            NumberedItemList:
              type: object
              required: [count, results]
              properties:
                count: { type: integer }
                next_page: { type: integer, nullable: true }
                previous_page: { type: integer, nullable: true }
                results: { type: array, items: { $ref: '#/components/schemas/Item' } }
        """;

    /// <summary>Answers the pages by URL, and records each request with its <c>X-Trace</c> header.</summary>
    private const string Calls = """
        namespace Probe;
        using Paging;

        internal sealed class Pages : System.Net.Http.HttpMessageHandler
        {
            public System.Collections.Generic.List<string> Seen { get; } = new();

            protected override System.Threading.Tasks.Task<System.Net.Http.HttpResponseMessage> SendAsync(System.Net.Http.HttpRequestMessage request, System.Threading.CancellationToken cancellationToken)
            {
                var url = request.RequestUri!.PathAndQuery;
                var trace = request.Headers.TryGetValues("X-Trace", out var values) ? string.Join(",", values) : "-";
                Seen.Add($"{url} {trace}");
                var body = url switch
                {
                    "/linked/?page_size=2" => "{\"count\":3,\"next\":\"http://p.test/linked/?page=2&page_size=2\",\"previous\":null,\"results\":[{\"id\":\"a\"},{\"id\":\"b\"}]}",
                    "/linked/?page=2&page_size=2" => "{\"count\":3,\"next\":null,\"previous\":\"http://p.test/linked/?page_size=2\",\"results\":[{\"id\":\"c\"}]}",
                    "/numbered/?kind=k&page=1" => "{\"count\":3,\"next_page\":2,\"previous_page\":null,\"results\":[{\"id\":\"1\"}]}",
                    "/numbered/?kind=k&page=2" => "{\"count\":3,\"next_page\":3,\"previous_page\":1,\"results\":[{\"id\":\"2\"},{\"id\":\"3\"}]}",
                    "/numbered/?kind=k&page=3" => "{\"count\":3,\"next_page\":null,\"previous_page\":2,\"results\":[]}",
                    _ => null,
                };
                return System.Threading.Tasks.Task.FromResult(body is null
                    ? new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.NotFound)
                    : new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new System.Net.Http.StringContent(body, System.Text.Encoding.UTF8, "application/json") });
            }
        }

        internal static class Calls
        {
            public static async System.Threading.Tasks.Task<string[]> RunAsync()
            {
                var pages = new Pages();
                var client = new PagingClient(new System.Net.Http.HttpClient(pages) { BaseAddress = new System.Uri("http://p.test/") });
                var items = new System.Collections.Generic.List<string>();
                await foreach (var item in client.Items.EnumerateLinkedAsync(pageSize: 2, xTrace: "t-1"))
                {
                    items.Add(item.Id);
                }

                await foreach (var item in client.Items.EnumerateNumberedAsync(kind: "k"))
                {
                    items.Add(item.Id);
                }

                return [string.Join(" ", items), .. pages.Seen];
            }
        }
        """;

    [Fact]
    public async Task Enumerations_follow_links_and_page_numbers_to_the_last_page()
    {
        var assembly = GeneratedAssembly.Load(GeneratorHarness.Run(new TestAdditionalText("/specs/paging.yaml", Spec), Calls));
        var run = assembly.GetRequiredType("Probe.Calls").GetMethod("RunAsync", BindingFlags.Public | BindingFlags.Static)!;
        var lines = await (Task<string[]>)run.Invoke(null, null)!;

        Assert.Equal(
            [
                "a b c 1 2 3",
                "/linked/?page_size=2 t-1",
                "/linked/?page=2&page_size=2 t-1",
                "/numbered/?kind=k&page=1 -",
                "/numbered/?kind=k&page=2 -",
                "/numbered/?kind=k&page=3 -",
            ],
            lines);
    }
}
