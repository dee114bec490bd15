using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace IblCodegen.Tests.Infrastructure;

/// <summary>
/// A spec as YamlDotNet's deserializer reads it, written out as System.Text.Json nodes. It shares no code with the
/// generator's reader, so tests can hold the generated code to it.
/// </summary>
internal static class YamlDotNetSpec
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    /// <summary>One operation of the document: its operationId (null when it has none), its tags as listed, the node.</summary>
    public sealed record Operation(string? Id, IReadOnlyList<string> Tags, JsonNode Node);

    public static JsonNode Read(string yaml) =>
        JsonNode.Parse(new SerializerBuilder().JsonCompatible().Build().Serialize(new DeserializerBuilder().Build().Deserialize<object>(yaml)))!;

    /// <summary>Every operation of the document's paths, in document order.</summary>
    public static List<Operation> Operations(JsonNode document) =>
        document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Where(pair => Methods.Contains(pair.Key)).Select(pair => pair.Value!))
            .Select(node => new Operation(
                node["operationId"]?.GetValue<string>(),
                node["tags"]?.AsArray().Select(tag => tag!.GetValue<string>()).ToList() ?? [],
                node))
            .ToList();
}
