using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IblCodegen.Diagnostics;
using IblCodegen.Emitting;
using IblCodegen.Model;
using Microsoft.OpenApi;

namespace IblCodegen.Parsing;

/// <summary>Builds the operations: parameters, bodies, responses, permissions and security.</summary>
internal sealed partial class ModelBuilder
{
    public const string PermissionsExtension = "x-ibl-permissions";

    private static readonly string[] MethodOrder = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"];

    /// <summary>"Requires IsDMAdmin, IsPlatformAdmin, or IsDepartmentModeAdminInPlatform permission", as 57 operations of the published spec say it.</summary>
    private static readonly Regex RequiresSentence = new(
        @"Requires\s+(?<names>[A-Za-z_][A-Za-z0-9_]*(?:\s*,\s*(?:or\s+)?[A-Za-z_][A-Za-z0-9_]*)*(?:\s*,?\s+or\s+[A-Za-z_][A-Za-z0-9_]*)?)\s+permissions?\b",
        RegexOptions.CultureInvariant);

    private static readonly Regex Identifier = new("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

    private readonly NameScope _operationNames = new();

    /// <summary>
    /// One client class per tag, named before the schema types so that a schema called like a client gets the suffix,
    /// not the client. Tags are those operations use (an operation without one is "default").
    /// </summary>
    private List<TagClientSpec> ClaimClientNames()
    {
        var descriptions = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in _document.Tags ?? Enumerable.Empty<OpenApiTag>())
        {
            if (tag?.Name is { Length: > 0 } name && !descriptions.ContainsKey(name))
            {
                descriptions.Add(name, tag.Description);
            }
        }

        var tags = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var pathItem in _document.Paths?.Values ?? Enumerable.Empty<IOpenApiPathItem>())
        {
            foreach (var operation in pathItem?.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            {
                tags.Add(TagOf(operation));
            }
        }

        var properties = new NameScope([.. ClientEmitter.RootMembers, _identity.ClientTypeName]);
        var clients = new List<TagClientSpec>();
        foreach (var tag in tags)
        {
            var pascal = Identifiers.ToPascalCase(tag, "Default");
            var typeName = _typeNames.Claim(pascal + "Client");
            descriptions.TryGetValue(tag, out var description);
            clients.Add(new TagClientSpec(tag, typeName, properties.Claim(pascal), description));
        }

        return clients;
    }

    private static string TagOf(OpenApiOperation? operation) =>
        operation?.Tags?.Where(t => t is not null).Select(t => t.Name).FirstOrDefault(n => !string.IsNullOrEmpty(n)) ?? "default";

    private EquatableArray<OperationSpec> BuildOperations()
    {
        var operations = new List<OperationSpec>();
        if (_document.Paths is null)
        {
            return EquatableArray<OperationSpec>.Empty;
        }

        foreach (var path in _document.Paths.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var pathPointer = JsonPointer.Append("#/paths", path.Key);
            var pathItem = path.Value;
            if (pathItem?.Operations is null)
            {
                continue;
            }

            foreach (var pair in pathItem.Operations.Where(o => o.Value is not null).OrderBy(o => MethodRank(o.Key)))
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var method = pair.Key.Method.ToUpperInvariant();
                operations.Add(BuildOperation(path.Key, pathPointer, pathItem, method, pair.Value));
            }
        }

        return operations.ToEquatableArray();
    }

    private static int MethodRank(HttpMethod method)
    {
        var index = Array.IndexOf(MethodOrder, method.Method.ToUpperInvariant());
        return index < 0 ? MethodOrder.Length : index;
    }

    private OperationSpec BuildOperation(string path, string pathPointer, IOpenApiPathItem pathItem, string method, OpenApiOperation operation)
    {
        var pointer = JsonPointer.Append(pathPointer, method.ToLowerInvariant());
        var tag = TagOf(operation);
        var name = _operationNames.Claim(OperationNames.From(operation.OperationId, method, path, tag));
        var operationId = string.IsNullOrWhiteSpace(operation.OperationId) ? name : operation.OperationId!;

        return new OperationSpec(
            OperationId: operationId,
            Name: name,
            Method: method,
            Path: path,
            Tag: tag,
            Summary: operation.Summary,
            Description: operation.Description,
            Parameters: BuildParameters(name, pathPointer, pathItem, pointer, operation),
            Body: BuildBody(name, pointer, operation.RequestBody),
            Responses: BuildResponses(name, pointer, operation),
            Permissions: BuildPermissions(operationId, pointer, operation),
            SecuritySchemes: BuildSecurity(operation),
            IsDeprecated: operation.Deprecated,
            Pointer: pointer);
    }

    private EquatableArray<ParameterSpec> BuildParameters(string operationName, string pathPointer, IOpenApiPathItem pathItem, string pointer, OpenApiOperation operation)
    {
        // Operation parameters override path-level ones of the same name and location.
        var declared = new List<(IOpenApiParameter Parameter, string Pointer)>();
        AddParameters(declared, pathItem.Parameters, JsonPointer.Append(pathPointer, "parameters"));
        AddParameters(declared, operation.Parameters, JsonPointer.Append(pointer, "parameters"));

        // Reserved: the names the generated endpoint, handler and client method use for their own locals and parameters.
        var identifiers = new NameScope(
            "cancellationToken", "body", "httpContext", "errors", "handlers", "result", "returnedPage", "group", "text",
            "requestMessage", "queryFields", "formFields", "bodyValue", "currentPage", "pageItem", "pageNumber", "nextLink");
        var result = new List<ParameterSpec>();
        foreach (var (parameter, parameterPointer) in declared)
        {
            if (parameter.Name is not { Length: > 0 } name || parameter.In is not { } location || location == Microsoft.OpenApi.ParameterLocation.QueryString)
            {
                continue;
            }

            var schemaPointer = JsonPointer.Append(parameterPointer, "schema");
            var schema = parameter.Schema;
            var isArray = schema is not null && TypeOf(Resolve(schema)) == JsonSchemaType.Array;
            var valueSchema = isArray ? Resolve(schema!).Items : schema;
            var hint = operationName + Identifiers.ToPascalCase(name);
            var type = Map(valueSchema, isArray ? JsonPointer.Append(schemaPointer, "items") : schemaPointer, hint);
            var kind = KindOf(type);
            if (kind is null)
            {
                Report(DiagnosticDescriptors.UnsupportedSchema, schemaPointer, $"The parameter '{name}', of a structured type,", schemaPointer, "its raw text (string)");
            }

            var allowed = kind == ValueKind.Enum && valueSchema is not null
                ? Resolve(valueSchema).Enum!.Where(v => !IsJsonNull(v)).Select(v => v!.ToString()).ToEquatableArray()
                : EquatableArray<string>.Empty;
            var valueTypeName = kind is null ? KnownTypes.String : type.Name;
            var isRequired = parameter.Required || location == Microsoft.OpenApi.ParameterLocation.Path;
            result.Add(new ParameterSpec(
                Name: name,
                Identifier: identifiers.Claim(Identifiers.EscapeKeyword(CamelCase(Identifiers.ToPascalCase(name)))),
                Location: ToLocation(location),
                ValueTypeName: valueTypeName,
                Kind: kind ?? ValueKind.String,
                IsArray: isArray,
                IsRequired: isRequired,
                DefaultValue: isRequired || isArray || schema is null ? null : DefaultLiteral(Resolve(schema).Default, kind ?? ValueKind.String, valueTypeName),
                MinLength: valueSchema is null ? null : Resolve(valueSchema).MinLength,
                AllowedValues: allowed,
                Summary: parameter.Description,
                ArraySeparator: isArray ? ArraySeparator(parameter) : null));
        }

        return result.ToEquatableArray();
    }

    /// <summary>How the spec's style and explode say to write an array; null repeats the name per value.</summary>
    private static string? ArraySeparator(IOpenApiParameter parameter) => parameter.Style switch
    {
        ParameterStyle.SpaceDelimited => " ",
        ParameterStyle.PipeDelimited => "|",
        ParameterStyle.Form or null when parameter.In is Microsoft.OpenApi.ParameterLocation.Query or Microsoft.OpenApi.ParameterLocation.Cookie
            => parameter.Explode ? null : ",",
        _ => ",",
    };

    private static void AddParameters(List<(IOpenApiParameter, string)> declared, IList<IOpenApiParameter>? parameters, string pointer)
    {
        if (parameters is null)
        {
            return;
        }

        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            if (parameter is null)
            {
                continue;
            }

            var parameterPointer = parameter is OpenApiParameterReference reference && reference.Reference.Id is { } id
                ? JsonPointer.Append("#/components/parameters", id)
                : JsonPointer.Append(pointer, i);
            declared.RemoveAll(p => p.Item1.Name == parameter.Name && p.Item1.In == parameter.In);
            declared.Add((parameter, parameterPointer));
        }
    }

    private static Model.ParameterLocation ToLocation(Microsoft.OpenApi.ParameterLocation location) => location switch
    {
        Microsoft.OpenApi.ParameterLocation.Path => Model.ParameterLocation.Path,
        Microsoft.OpenApi.ParameterLocation.Header => Model.ParameterLocation.Header,
        Microsoft.OpenApi.ParameterLocation.Cookie => Model.ParameterLocation.Cookie,
        _ => Model.ParameterLocation.Query,
    };

    private ValueKind? KindOf(CSharpType type) => type.Name switch
    {
        KnownTypes.String => ValueKind.String,
        KnownTypes.Int => ValueKind.Int32,
        KnownTypes.Long => ValueKind.Int64,
        KnownTypes.Double => ValueKind.Double,
        KnownTypes.Float => ValueKind.Float,
        KnownTypes.Decimal => ValueKind.Decimal,
        KnownTypes.Bool => ValueKind.Boolean,
        KnownTypes.DateOnly => ValueKind.Date,
        KnownTypes.DateTimeOffset => ValueKind.DateTime,
        KnownTypes.Guid => ValueKind.Guid,
        _ when type.IsValueType && type.Name.StartsWith(_namespacePrefix, StringComparison.Ordinal) => ValueKind.Enum,
        _ => null,
    };

    /// <summary>The spec's default as a C# expression of the parameter's type; null when it does not fit the type.</summary>
    private static string? DefaultLiteral(JsonNode? value, ValueKind kind, string typeName)
    {
        if (value is not JsonValue json || IsJsonNull(json))
        {
            return null;
        }

        var jsonKind = json.GetValueKind();
        var text = json.ToString();
        return (kind, jsonKind) switch
        {
            (ValueKind.String, JsonValueKind.String) => EmitHelpers.Literal(text),
            (ValueKind.Enum, JsonValueKind.String) => $"new {typeName}({EmitHelpers.Literal(text)})",
            (ValueKind.Boolean, JsonValueKind.True) => "true",
            (ValueKind.Boolean, JsonValueKind.False) => "false",
            (ValueKind.Int32, JsonValueKind.Number) when int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) => i.ToString(CultureInfo.InvariantCulture),
            (ValueKind.Int64, JsonValueKind.Number) when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l.ToString(CultureInfo.InvariantCulture) + "L",
            (ValueKind.Double, JsonValueKind.Number) when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d.ToString("R", CultureInfo.InvariantCulture) + "d",
            _ => null,
        };
    }

    private RequestBodySpec? BuildBody(string operationName, string pointer, IOpenApiRequestBody? body)
    {
        if (body?.Content is not { Count: > 0 } content)
        {
            return null;
        }

        var bodyPointer = JsonPointer.Append(pointer, "requestBody");
        var json = content.Keys.FirstOrDefault(IsJson);
        var contentType = json ?? content.Keys.FirstOrDefault(k => k.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) || k.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase));
        if (contentType is null)
        {
            Report(DiagnosticDescriptors.UnsupportedSchema, bodyPointer, $"A request body of type '{string.Join("', '", content.Keys)}'", bodyPointer, "no body parameter");
            return null;
        }

        var mediaPointer = JsonPointer.Append(JsonPointer.Append(JsonPointer.Append(bodyPointer, "content"), contentType), "schema");
        var type = Map(content[contentType]?.Schema, mediaPointer, operationName + "Request");
        var kind = json is not null ? BodyKind.Json
            : contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) ? BodyKind.Multipart
            : BodyKind.Form;
        return new RequestBodySpec(type.Name, contentType == "*/*" ? "application/json" : contentType, kind, body.Required);
    }

    private static bool IsJson(string contentType) =>
        contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
        || contentType.IndexOf("+json", StringComparison.OrdinalIgnoreCase) >= 0
        || contentType == "*/*";

    private EquatableArray<ResponseSpec> BuildResponses(string operationName, string pointer, OpenApiOperation operation)
    {
        var result = new List<ResponseSpec>();
        if (operation.Responses is null)
        {
            return EquatableArray<ResponseSpec>.Empty;
        }

        foreach (var pair in operation.Responses.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (!int.TryParse(pair.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            {
                continue;
            }

            var response = pair.Value;
            if (response is null)
            {
                continue;
            }

            var responsePointer = JsonPointer.Append(JsonPointer.Append(pointer, "responses"), pair.Key);
            var contentType = response.Content?.Keys.FirstOrDefault(IsJson);
            string? typeName = null;
            PageLinkStyle? linkStyle = null;
            if (contentType is not null && response.Content![contentType]?.Schema is { } schema)
            {
                var hint = operationName + (status == 200 ? "Response" : "Response" + pair.Key);
                var schemaPointer = JsonPointer.Append(JsonPointer.Append(JsonPointer.Append(responsePointer, "content"), contentType), "schema");
                typeName = Map(schema, schemaPointer, hint).Name;
                if (schema is OpenApiSchemaReference { Reference.Id: { } id } && _components.TryGetValue(id, out var component)
                    && component.Kind == ComponentKind.Page && TryGetPageShape(component.Schema, out var shape))
                {
                    linkStyle = shape.LinkStyle;
                }
            }

            result.Add(new ResponseSpec(status, typeName, contentType, response.Description, linkStyle));
        }

        return result.ToEquatableArray();
    }

    private EquatableArray<string> BuildPermissions(string operationId, string pointer, OpenApiOperation operation)
    {
        if (operation.Extensions is { } extensions && extensions.TryGetValue(PermissionsExtension, out var extension))
        {
            if (extension is JsonNodeExtension { Node: JsonArray array }
                && array.All(item => item is JsonValue value && value.GetValueKind() == JsonValueKind.String && Identifier.IsMatch(value.ToString())))
            {
                return array.Select(item => item!.ToString()).Distinct(StringComparer.Ordinal).ToEquatableArray();
            }

            Report(DiagnosticDescriptors.InvalidPermissions, JsonPointer.Append(pointer, PermissionsExtension), operationId);
            return EquatableArray<string>.Empty;
        }

        var match = operation.Description is { } description ? RequiresSentence.Match(description) : Match.Empty;
        if (!match.Success)
        {
            return EquatableArray<string>.Empty;
        }

        return match.Groups["names"].Value
            .Split([',', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Where(word => word != "or" && Identifier.IsMatch(word))
            .Distinct(StringComparer.Ordinal)
            .ToEquatableArray();
    }

    private EquatableArray<string> BuildSecurity(OpenApiOperation operation)
    {
        var requirements = operation.Security ?? _document.Security;
        if (requirements is null)
        {
            return EquatableArray<string>.Empty;
        }

        return requirements
            .Where(requirement => requirement is not null)
            .SelectMany(requirement => requirement.Keys)
            .Select(scheme => scheme.Reference?.Id)
            .Where(id => !string.IsNullOrEmpty(id))
            .Select(id => id!)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToEquatableArray();
    }

    private EquatableArray<SecuritySchemeSpec> BuildSecuritySchemes()
    {
        var schemes = _document.Components?.SecuritySchemes;
        if (schemes is null)
        {
            return EquatableArray<SecuritySchemeSpec>.Empty;
        }

        return schemes
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Where(pair => pair.Value is not null)
            .Select(pair => new SecuritySchemeSpec(
                pair.Key,
                pair.Value.Type switch
                {
                    SecuritySchemeType.ApiKey => "apiKey",
                    SecuritySchemeType.Http => "http",
                    SecuritySchemeType.OAuth2 => "oauth2",
                    SecuritySchemeType.OpenIdConnect => "openIdConnect",
                    _ => "unknown",
                },
                pair.Value.In?.ToString().ToLowerInvariant(),
                pair.Value.Name,
                pair.Value.Scheme,
                pair.Value.Description))
            .ToEquatableArray();
    }

    private static string CamelCase(string pascal) =>
        pascal.Length == 0 || pascal[0] == '_' ? pascal : char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
}
