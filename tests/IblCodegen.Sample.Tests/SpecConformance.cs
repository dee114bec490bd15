using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using YamlDotNet.Serialization;

namespace IblCodegen.Sample.Tests;

/// <summary>
/// The judge of every answer the sample's tests receive: its status must be one the operation declares in
/// <c>spec/ibl-data-manager.yaml</c>, and its JSON body must validate against the schema declared for that status.
/// The validator is JsonSchema.Net, fed the spec's OpenAPI 3.0 schemas turned into JSON Schema 2020-12 (<c>$ref</c>s to
/// <c>$defs</c>, <c>nullable</c> to a type that allows null): nothing of the sample or of the generator takes part.
/// </summary>
internal static class SpecConformance
{
    private static readonly Lazy<Spec> s_spec = new(Load);

    /// <summary>Fails (throws) when <paramref name="response"/> to <paramref name="request"/> is not one the spec declares.</summary>
    public static async Task CheckAsync(HttpRequestMessage request, HttpResponseMessage response)
    {
        var spec = s_spec.Value;
        var path = request.RequestUri!.AbsolutePath;
        var operation = spec.Operations.FirstOrDefault(o => o.Method == request.Method.Method && o.Path.IsMatch(path));
        if (operation is null)
        {
            // Not an operation of the spec (the OpenAPI document, the reference page): nothing to hold it to.
            return;
        }

        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!operation.Responses.TryGetValue(status, out var schema))
        {
            throw new InvalidOperationException(
                $"{request.Method} {path} answered {status}, which {operation.Id} does not declare (it declares {string.Join(", ", operation.Responses.Keys)}).");
        }

        if (schema is null || response.Content.Headers.ContentLength == 0)
        {
            return;
        }

        await response.Content.LoadIntoBufferAsync();
        var text = await response.Content.ReadAsStringAsync();
        if (text.Length == 0)
        {
            return;
        }

        if (response.Content.Headers.ContentType?.MediaType is not { } mediaType || !mediaType.EndsWith("json", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{request.Method} {path} answered {status} with {response.Content.Headers.ContentType}, where the spec declares JSON.");
        }

        using var body = JsonDocument.Parse(text);
        var result = schema.Evaluate(body.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
        {
            var errors = (result.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
                .Take(10);
            throw new InvalidOperationException($"{request.Method} {path} answered {status} with a body its schema rejects:\n{string.Join("\n", errors)}\n{text}");
        }
    }

    private sealed record Operation(string Id, string Method, Regex Path, Dictionary<string, JsonSchema?> Responses);

    private sealed record Spec(List<Operation> Operations);

    private static Spec Load()
    {
        var yaml = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build().Deserialize<object>(File.ReadAllText(RepoPaths.ProjectSpec));
        var json = JsonNode.Parse(new SerializerBuilder().JsonCompatible().Build().Serialize(yaml))!.AsObject();
        var components = json["components"]!.AsObject();
        var defs = new JsonObject();
        foreach (var (name, schema) in components["schemas"]!.AsObject())
        {
            defs[name] = ToJsonSchema(schema!.DeepClone());
        }

        var operations = new List<Operation>();
        foreach (var (template, item) in json["paths"]!.AsObject())
        {
            var pattern = new Regex("^" + Regex.Replace(Regex.Escape(template), @"\\\{[^}]+}", "[^/]+") + "$");
            foreach (var (method, operation) in item!.AsObject())
            {
                var responses = new Dictionary<string, JsonSchema?>();
                foreach (var (status, declared) in operation!["responses"]!.AsObject())
                {
                    var response = declared!["$ref"] is { } reference
                        ? components["responses"]![reference.GetValue<string>().Split('/')[^1]]!
                        : declared;
                    var content = response["content"]?.AsObject().FirstOrDefault(c => c.Key.Contains("json", StringComparison.Ordinal)).Value;
                    responses[status] = content?["schema"] is { } schema
                        ? JsonSchema.FromText(new JsonObject
                        {
                            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
                            ["$defs"] = defs.DeepClone(),
                            ["allOf"] = new JsonArray(ToJsonSchema(schema.DeepClone())),
                        }.ToJsonString(), baseUri: new Uri($"https://spec.test/{operation["operationId"]}/{status}"))
                        : null;
                }

                operations.Add(new Operation(operation["operationId"]!.GetValue<string>(), method.ToUpperInvariant(), pattern, responses));
            }
        }

        return new Spec(operations);
    }

    /// <summary>An OpenAPI 3.0 schema as JSON Schema 2020-12: component references into <c>$defs</c>, <c>nullable</c> as a type.</summary>
    private static JsonNode ToJsonSchema(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
            {
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (key == "$ref")
                    {
                        obj[key] = obj[key]!.GetValue<string>().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
                    }
                    else if (key is "example" or "discriminator" || key.StartsWith("x-", StringComparison.Ordinal))
                    {
                        obj.Remove(key);
                    }
                    else if (key is not ("enum" or "default" or "required"))
                    {
                        obj[key] = ToJsonSchema(obj[key]);
                    }
                }

                if (obj["nullable"] is { } nullable && nullable.GetValue<bool>())
                {
                    obj.Remove("nullable");
                    if (obj["type"] is JsonValue type)
                    {
                        obj["type"] = new JsonArray(type.GetValue<string>(), "null");
                        if (obj["enum"] is JsonArray values && !values.Any(v => v is null))
                        {
                            values.Add(null);
                        }
                    }
                    else
                    {
                        var inner = obj.DeepClone();
                        obj.Clear();
                        obj["anyOf"] = new JsonArray(inner, new JsonObject { ["type"] = "null" });
                    }
                }
                else
                {
                    obj.Remove("nullable");
                }

                return obj;
            }

            case JsonArray array:
                // Each item is converted in place (an object stays the same node), as oneOf's schemas are.
                foreach (var item in array)
                {
                    ToJsonSchema(item);
                }

                return array;
            default:
                return node!;
        }
    }
}

/// <summary>Holds every answer to the spec (<see cref="SpecConformance"/>) on its way back to the test.</summary>
internal sealed class SpecConformanceHandler : DelegatingHandler
{
    /// <summary>The judge over a real socket, for the suites on Kestrel.</summary>
    public static SpecConformanceHandler OverSockets() => new() { InnerHandler = new SocketsHttpHandler() };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await SpecConformance.CheckAsync(request, response);
        return response;
    }
}
