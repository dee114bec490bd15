using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using IblCodegen.Parsing.Tree;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace IblCodegen.Parsing;

/// <summary>
/// Swagger 2.0 → OpenAPI 3.0, by Microsoft.OpenApi: it reads 2.0 (definitions, body and formData parameters,
/// produces/consumes) into its model and writes that out as 3.0, which the generator then reads like any
/// other document. Only 2.0 documents come here, so only they pay for loading the library.
/// </summary>
internal static class SwaggerUpgrade
{
    private static readonly Uri BaseUri = new("file:///openapi/");

    /// <summary>The upgraded document, or null when it cannot be read; the reader's complaints go to <paramref name="errors"/> as (pointer, message).</summary>
    public static SpecObject? ToOpenApi3(SpecObject swagger, List<(string Pointer, string Message)> errors)
    {
        var settings = new OpenApiReaderSettings { LoadExternalRefs = false, RuleSet = ValidationRuleSet.GetEmptyRuleSet() };
        using var json = new MemoryStream(Encoding.UTF8.GetBytes(swagger.ToJsonString()));
        var result = new OpenApiJsonReader().Read(json, BaseUri, settings);
        foreach (var error in result.Diagnostic?.Errors ?? [])
        {
            errors.Add((error.Pointer ?? string.Empty, error.Message));
        }

        if (result.Document is not { } document)
        {
            return null;
        }

        using var text = new StringWriter();
        document.SerializeAsV3(new OpenApiJsonWriter(text));
        // Written out as 3.0 the document nests deeper than the 2.0 it came from (content, then schema).
        return SpecTreeJson.Read(text.ToString(), YamlTreeReader.MaxDepth * 2) as SpecObject;
    }
}
