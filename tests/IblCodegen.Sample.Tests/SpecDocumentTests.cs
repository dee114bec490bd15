using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace IblCodegen.Sample.Tests;

/// <summary>
/// The service's OpenAPI document (<c>/openapi/v1.json</c>) against <c>spec/ibl-data-manager.yaml</c> read by another
/// parser (YamlDotNet's object deserializer, written out as JSON): the same document, member by member, numbers by
/// value. The spec's paths as written, its parameters, security schemes and requirements, <c>x-ibl-permissions</c>,
/// descriptions and nullability all reach the service's document, and the API reference page at <c>/docs</c>.
/// </summary>
public sealed class SpecDocumentTests(SampleServiceFactory factory) : IClassFixture<SampleServiceFactory>
{
    [Fact]
    public async Task The_served_document_is_the_spec()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var served = JsonNode.Parse(await response.Content.ReadAsStringAsync());

        var differences = Differences(served, Spec(), "$").ToList();
        Assert.True(differences.Count == 0, $"{differences.Count} differences:\n" + string.Join("\n", differences.Take(20)));

        // What the generated endpoint document lacked, by name: these are there now.
        var group = served!["paths"]!["/api/catalog/suggestions/course/manage/group/"]!["get"]!;
        Assert.Equal("#/components/parameters/PlatformKeyRequired", (string?)group["parameters"]![0]!["$ref"]);
        Assert.Equal("platform_key", (string?)served["components"]!["parameters"]!["PlatformKeyRequired"]!["name"]);
        Assert.NotNull(group["x-ibl-permissions"]);
        Assert.NotNull(served["components"]!["securitySchemes"]);
    }

    [Fact]
    public void The_comparison_sees_a_difference()
    {
        var spec = Spec();
        var changed = spec!.DeepClone();
        changed["paths"]!["/api/catalog/suggestions/course/manage/group/"]!["get"]!["parameters"]!.AsArray().RemoveAt(0);
        changed["info"]!["version"] = "0";
        changed["components"]!.AsObject().Add("extra", new JsonObject());
        Assert.Equal(3, Differences(changed, spec, "$").Count());
        Assert.Empty(Differences(JsonNode.Parse("""{"a":1.50,"b":[true]}"""), JsonNode.Parse("""{"b":[true],"a":1.5}"""), "$"));
    }

    private static JsonNode? Spec()
    {
        var yaml = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build().Deserialize<object>(File.ReadAllText(RepoPaths.ProjectSpec));
        return JsonNode.Parse(new SerializerBuilder().JsonCompatible().Build().Serialize(yaml));
    }

    /// <summary>Where two JSON documents differ: members in any order, numbers compared by value.</summary>
    private static IEnumerable<string> Differences(JsonNode? served, JsonNode? spec, string path)
    {
        switch (served, spec)
        {
            case (null, null):
                yield break;
            case (JsonObject a, JsonObject b):
                foreach (var name in a.Select(m => m.Key).Union(b.Select(m => m.Key)).Distinct())
                {
                    if (!a.ContainsKey(name) || !b.ContainsKey(name))
                    {
                        yield return $"{path}.{name}: only in the {(a.ContainsKey(name) ? "served document" : "spec")}";
                        continue;
                    }

                    foreach (var difference in Differences(a[name], b[name], $"{path}.{name}"))
                    {
                        yield return difference;
                    }
                }

                yield break;
            case (JsonArray a, JsonArray b):
                if (a.Count != b.Count)
                {
                    yield return $"{path}: {a.Count} items served, {b.Count} in the spec";
                    yield break;
                }

                for (var i = 0; i < a.Count; i++)
                {
                    foreach (var difference in Differences(a[i], b[i], $"{path}[{i}]"))
                    {
                        yield return difference;
                    }
                }

                yield break;
            case (JsonValue a, JsonValue b) when a.GetValueKind() == JsonValueKind.Number && b.GetValueKind() == JsonValueKind.Number:
                if (a.GetValue<decimal>() != b.GetValue<decimal>())
                {
                    yield return $"{path}: {a} served, {b} in the spec";
                }

                yield break;
            default:
                if (served?.ToJsonString() != spec?.ToJsonString())
                {
                    yield return $"{path}: {served?.ToJsonString()} served, {spec?.ToJsonString()} in the spec";
                }

                yield break;
        }
    }
}
