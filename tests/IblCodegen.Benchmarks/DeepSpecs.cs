using System.Text;

namespace IblCodegen.Benchmarks;

/// <summary>
/// Specs small on disk but deep when followed: 10,000 component schemas, each leading to the next (the shapes of the
/// generator's depth tests). They must generate, or be cut with a diagnostic, in time linear in their size.
/// </summary>
internal static class DeepSpecs
{
    private const int Links = 10_000;

    public static string Create(string shape)
    {
        Func<int, string> link = shape switch
        {
            "ref-chain" => i => $"{{\"$ref\":\"#/components/schemas/S{i + 1}\"}}",
            "allOf-chain" => i => $"{{\"allOf\":[{{\"$ref\":\"#/components/schemas/S{i + 1}\"}},{{\"type\":\"object\",\"properties\":{{\"p{i}\":{{\"type\":\"string\"}}}}}}]}}",
            "items-chain" => i => $"{{\"type\":\"array\",\"items\":{{\"$ref\":\"#/components/schemas/S{i + 1}\"}}}}",
            "additionalProperties-chain" => i => $"{{\"type\":\"object\",\"additionalProperties\":{{\"$ref\":\"#/components/schemas/S{i + 1}\"}}}}",
            _ => throw new ArgumentException($"No spec named '{shape}': project, published, ref-chain, allOf-chain, items-chain or additionalProperties-chain.", nameof(shape)),
        };

        var schemas = new StringBuilder();
        for (var i = 0; i < Links; i++)
        {
            schemas.Append($"\"S{i}\":").Append(link(i)).Append(',');
        }

        schemas.Append($"\"S{Links}\":{{\"type\":\"object\",\"properties\":{{\"name\":{{\"type\":\"string\"}}}}}}");
        const string Paths = "\"/things\":{\"post\":{\"operationId\":\"create_thing\",\"requestBody\":{\"content\":{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/S0\"}}}},\"responses\":{\"204\":{\"description\":\"done\"}}}}";
        return $"{{\"openapi\":\"3.0.3\",\"info\":{{\"title\":\"deep\",\"version\":\"1\"}},\"paths\":{{{Paths}}},\"components\":{{\"schemas\":{{{schemas}}}}}}}";
    }
}
