using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using IblCodegen.Diagnostics;
using IblCodegen.Model;
using IblCodegen.Model.Naming;
using IblCodegen.Parsing.Tree;

namespace IblCodegen.Parsing;

/// <summary>Builds the operations: parameters, bodies, responses, permissions and security.</summary>
internal sealed partial class ModelBuilder
{
    public const string PermissionsExtension = "x-ibl-permissions";

    private static readonly string[] MethodOrder = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"];

    private readonly NameScope _operationNames = new();

    /// <summary>
    /// One client class per tag, named before the schema types so that a schema called like a client gets the suffix,
    /// not the client. Tags are those operations use (an operation without one is "default").
    /// </summary>
    private List<TagClientSpec> ClaimClientNames()
    {
        var descriptions = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in (LenientRead.Array(_document.Root, "tags") ?? SpecArray.Empty).OfType<SpecObject>())
        {
            if (LenientRead.Text(tag, "name") is { Length: > 0 } name && !descriptions.ContainsKey(name))
            {
                descriptions.Add(name, LenientRead.Text(tag, "description"));
            }
        }

        var tags = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, _, _, operation) in Operations())
        {
            tags.Add(TagsOf(operation)[0]);
        }

        var properties = new NameScope([.. ReservedNames.RootClientMembers, _identity.ClientTypeName]);
        var clients = new List<TagClientSpec>();
        foreach (var tag in tags)
        {
            var pascal = Identifiers.ToPascalCase(tag, "Default");
            var typeName = _typeNames.Claim(pascal + "Client");
            var interfaceName = _typeNames.Claim("I" + typeName);
            descriptions.TryGetValue(tag, out var description);
            clients.Add(new TagClientSpec(tag, typeName, interfaceName, properties.Claim(pascal), description));
        }

        return clients;
    }

    /// <summary>The tags an operation names, in its order, without empty ones or repeats; "default" when it names none.</summary>
    private static EquatableArray<string> TagsOf(SpecObject operation)
    {
        var tags = new List<string>();
        foreach (var tag in LenientRead.Array(operation, "tags") ?? SpecArray.Empty)
        {
            if (LenientRead.Scalar(tag) is { Length: > 0 } name && !tags.Contains(name))
            {
                tags.Add(name);
            }
        }

        return tags.Count == 0 ? new[] { "default" }.ToEquatableArray() : tags.ToEquatableArray();
    }

    /// <summary>Every operation, paths in ordinal order and methods in <see cref="MethodOrder"/>, with its path item.</summary>
    private IEnumerable<(string Path, SpecObject PathItem, string Method, SpecObject Operation)> Operations()
    {
        if (LenientRead.Object(_document.Root, "paths") is not { } paths)
        {
            yield break;
        }

        foreach (var pair in paths.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            // A path item may be a $ref to one kept elsewhere in the document.
            if (pair.Value is not SpecObject written || _document.Resolve(written, out _) is not { } pathItem)
            {
                continue;
            }

            foreach (var method in MethodOrder)
            {
                if (LenientRead.Object(pathItem, method.ToLowerInvariant()) is { } operation)
                {
                    yield return (pair.Key, pathItem, method, operation);
                }
            }
        }
    }

    private EquatableArray<OperationSpec> BuildOperations()
    {
        var operations = new List<OperationSpec>();
        foreach (var (path, pathItem, method, operation) in Operations())
        {
            _cancellationToken.ThrowIfCancellationRequested();
            operations.Add(BuildOperation(path, JsonPointer.Append("#/paths", path), pathItem, method, operation));
        }

        return operations.ToEquatableArray();
    }

    private OperationSpec BuildOperation(string path, string pathPointer, SpecObject pathItem, string method, SpecObject operation)
    {
        var pointer = JsonPointer.Append(pathPointer, method.ToLowerInvariant());
        var tags = TagsOf(operation);
        var writtenId = LenientRead.Text(operation, "operationId");
        var name = _operationNames.Claim(OperationNames.From(writtenId, method, path, tags[0]));
        var operationId = string.IsNullOrWhiteSpace(writtenId) ? name : writtenId!;
        var description = LenientRead.Text(operation, "description");

        return new OperationSpec(
            OperationId: operationId,
            Name: name,
            Method: method,
            Path: path,
            Tags: tags,
            Summary: LenientRead.Text(operation, "summary"),
            Description: description,
            Parameters: BuildParameters(name, path, pathPointer, pathItem, pointer, operation),
            Body: BuildBody(name, pointer, LenientRead.Object(operation, "requestBody")),
            Responses: BuildResponses(name, pointer, operation),
            Permissions: BuildPermissions(operationId, pointer, operation, description),
            SecuritySchemes: BuildSecurity(operation),
            CredentialsOptional: ListsEmptyRequirement(operation),
            IsDeprecated: LenientRead.Flag(operation, "deprecated"),
            Pointer: pointer);
    }

    private EquatableArray<ParameterSpec> BuildParameters(string operationName, string path, string pathPointer, SpecObject pathItem, string pointer, SpecObject operation)
    {
        // Operation parameters override path-level ones of the same name and location.
        var declared = new List<Parameter>();
        AddParameters(declared, LenientRead.Array(pathItem, "parameters"), JsonPointer.Append(pathPointer, "parameters"));
        AddParameters(declared, LenientRead.Array(operation, "parameters"), JsonPointer.Append(pointer, "parameters"));
        declared = InSignatureOrder(declared, path);

        // Reserved: the names the generated endpoint, handler and client method use for their own locals and parameters.
        var identifiers = new NameScope(
            "cancellationToken", "body", "httpContext", "errors", "handlers", "result", "returnedPage", "group", "text",
            "requestMessage", "queryFields", "formFields", "bodyValue", "pageNumber", "nextLink", "pageCancellation", "handlersFor");
        var result = new List<ParameterSpec>();
        foreach (var parameter in declared)
        {
            var name = parameter.Name;
            var location = parameter.Location;
            var schemaPointer = JsonPointer.Append(parameter.Pointer, "schema");
            var schema = LenientRead.Object(parameter.Node, "schema") is { } written ? _document.Schema(written) : null;
            // Shape questions look through wrappers (allOf: [$ref], oneOf of one schema) to the schema they stand for.
            var shape = schema is null ? null : Unwrap(schema);
            var isArray = shape is not null && TypeOf(shape) == SchemaTypes.Array;
            var valueSchema = isArray ? shape!.Items : schema;
            var valueShape = valueSchema is null ? null : Unwrap(valueSchema);
            var hint = operationName + Identifiers.ToPascalCase(name);
            var type = MapParameterValue(name, valueSchema, isArray ? JsonPointer.Append(schemaPointer, "items") : schemaPointer, hint);
            var kind = KindOf(type);
            if (kind is null)
            {
                Report(DiagnosticDescriptors.UnsupportedSchema, schemaPointer, $"The parameter '{name}', of a structured type,", schemaPointer, "its raw text (string)");
            }

            var allowed = kind == ValueKind.Enum && valueShape?.Enum is { } values
                ? values.Where(v => !IsJsonNull(v)).Select(v => v!.ToString()).ToEquatableArray()
                : EquatableArray<string>.Empty;
            // A parameter is text: one that may be a string or an integer is handed over as the text it came as.
            var valueType = kind is null || type.Kind == TypeRefKind.StringOrInteger ? TypeRef.String : type.NonNullable;
            var isRequired = LenientRead.Flag(parameter.Node, "required") || location == Model.ParameterLocation.Path;
            result.Add(new ParameterSpec(
                Name: name,
                Identifier: identifiers.Claim(Identifiers.EscapeKeyword(CamelCase(Identifiers.ToPascalCase(name)))),
                Location: location,
                ValueType: valueType,
                Kind: kind ?? ValueKind.String,
                IsArray: isArray,
                IsRequired: isRequired,
                DefaultValue: isRequired || isArray || schema is null ? null : DefaultValue(schema.Default ?? shape!.Default, kind ?? ValueKind.String),
                MinLength: valueSchema is null ? null : valueSchema.MinLength ?? valueShape!.MinLength,
                AllowedValues: allowed,
                Summary: LenientRead.Text(parameter.Node, "description"),
                ArraySeparator: isArray ? ArraySeparator(parameter.Node, location) : null));
        }

        return result.ToEquatableArray();
    }

    /// <summary>
    /// The order handlers and client methods take parameters in, whatever order the spec lists them in (specs get
    /// re-sorted between versions: the published one lists them alphabetically): path parameters as the template
    /// names them, then the other required ones, then the optional ones, each by name (then location). Names are
    /// claimed in this order too, so a clash is numbered the same way however the spec is written.
    /// </summary>
    private static List<Parameter> InSignatureOrder(List<Parameter> declared, string path)
    {
        var template = TextPatterns.PathParameters(path);
        return declared
            .OrderBy(p => p.Location == Model.ParameterLocation.Path ? 0 : IsRequired(p) ? 1 : 2)
            .ThenBy(p => p.Location == Model.ParameterLocation.Path && template.IndexOf(p.Name) is >= 0 and var position ? position : int.MaxValue)
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Location)
            .ToList();

        static bool IsRequired(Parameter parameter) => LenientRead.Flag(parameter.Node, "required");
    }

    /// <summary>
    /// How the spec's style and explode say to write an array; null repeats the name per value. The defaults are
    /// the spec's: form (exploded) in a query or cookie, simple in a path or header.
    /// </summary>
    private static string? ArraySeparator(SpecObject parameter, Model.ParameterLocation location)
    {
        var isForm = location is Model.ParameterLocation.Query or Model.ParameterLocation.Cookie;
        var style = LenientRead.String(parameter, "style") ?? (isForm ? "form" : "simple");
        return style switch
        {
            "spaceDelimited" => " ",
            "pipeDelimited" => "|",
            "form" when isForm => LenientRead.Boolean(parameter, "explode") ?? true ? null : ",",
            _ => ",",
        };
    }

    /// <summary>A parameter as declared: its node (references followed), name, location and where it is written.</summary>
    private readonly record struct Parameter(SpecObject Node, string Name, Model.ParameterLocation Location, string Pointer);

    private void AddParameters(List<Parameter> declared, SpecArray? parameters, string pointer)
    {
        if (parameters is null)
        {
            return;
        }

        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i] is not SpecObject written)
            {
                continue;
            }

            var writtenPointer = JsonPointer.Append(pointer, i);
            if (_document.Resolve(written, out var target) is not { } parameter)
            {
                Report(DiagnosticDescriptors.UnresolvedReference, JsonPointer.Append(writtenPointer, "$ref"), target!, "the parameter is left out");
                continue;
            }

            // The query string as a whole (OpenAPI 3.2's 'querystring') is not a parameter a handler takes.
            if (LenientRead.Text(parameter, "name") is not { Length: > 0 } name || ToLocation(LenientRead.String(parameter, "in")) is not { } location)
            {
                continue;
            }

            var parameterPointer = target is not null && target.StartsWith("#/", StringComparison.Ordinal) ? target : writtenPointer;
            declared.RemoveAll(p => p.Name == name && p.Location == location);
            declared.Add(new Parameter(parameter, name, location, parameterPointer));
        }
    }

    private static Model.ParameterLocation? ToLocation(string? location) => location switch
    {
        "path" => Model.ParameterLocation.Path,
        "query" => Model.ParameterLocation.Query,
        "header" => Model.ParameterLocation.Header,
        "cookie" => Model.ParameterLocation.Cookie,
        _ => null,
    };

    private static ValueKind? KindOf(TypeRef type) => type.Primitive switch
    {
        PrimitiveType.String => ValueKind.String,
        PrimitiveType.Int32 => ValueKind.Int32,
        PrimitiveType.Int64 => ValueKind.Int64,
        PrimitiveType.Double => ValueKind.Double,
        PrimitiveType.Single => ValueKind.Float,
        PrimitiveType.Decimal => ValueKind.Decimal,
        PrimitiveType.Boolean => ValueKind.Boolean,
        PrimitiveType.DateOnly => ValueKind.Date,
        PrimitiveType.DateTimeOffset => ValueKind.DateTime,
        PrimitiveType.Guid => ValueKind.Guid,
        _ when type.Kind == TypeRefKind.StringOrInteger => ValueKind.String,
        _ when type is { Kind: TypeRefKind.Declared, IsValueType: true } => ValueKind.Enum,
        _ => null,
    };

    /// <summary>The spec's default as the invariant text of a value of the parameter's kind; null when it does not fit the kind.</summary>
    private static string? DefaultValue(SpecNode? value, ValueKind kind)
    {
        if (value is not SpecValue json || IsJsonNull(json))
        {
            return null;
        }

        var jsonKind = json.GetValueKind();
        var text = json.ToString();
        return (kind, jsonKind) switch
        {
            (ValueKind.String or ValueKind.Enum, JsonValueKind.String) => text,
            (ValueKind.Boolean, JsonValueKind.True) => "true",
            (ValueKind.Boolean, JsonValueKind.False) => "false",
            (ValueKind.Int32, JsonValueKind.Number) when int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) => i.ToString(CultureInfo.InvariantCulture),
            (ValueKind.Int64, JsonValueKind.Number) when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l.ToString(CultureInfo.InvariantCulture),
            (ValueKind.Double, JsonValueKind.Number) when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d.ToString("R", CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    private RequestBodySpec? BuildBody(string operationName, string pointer, SpecObject? written)
    {
        if (written is null)
        {
            return null;
        }

        var bodyPointer = JsonPointer.Append(pointer, "requestBody");
        if (_document.Resolve(written, out var target) is not { } body)
        {
            Report(DiagnosticDescriptors.UnresolvedReference, JsonPointer.Append(bodyPointer, "$ref"), target!, "the operation is generated without a body");
            return null;
        }

        if (LenientRead.Object(body, "content") is not { Count: > 0 } content)
        {
            return null;
        }

        var contentTypes = content.Select(c => c.Key).ToList();
        var multipart = contentTypes.FirstOrDefault(k => k.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase));

        // JSON first, unless the body has file members and the spec offers multipart: raw bytes (format: binary)
        // have no JSON form, so a file travels as a part or not at all.
        var contentType = multipart is not null && CarriesFiles(SchemaOf(content, multipart))
            ? multipart
            : contentTypes.FirstOrDefault(IsJson)
                ?? contentTypes.FirstOrDefault(k => k.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) || k.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase));
        if (contentType is null)
        {
            Report(DiagnosticDescriptors.UnsupportedSchema, bodyPointer, $"A request body of type '{string.Join("', '", contentTypes)}'", bodyPointer, "no body parameter");
            return null;
        }

        var mediaPointer = JsonPointer.Append(JsonPointer.Append(JsonPointer.Append(bodyPointer, "content"), contentType), "schema");
        var type = Map(SchemaOf(content, contentType), mediaPointer, operationName + "Request");
        var kind = IsJson(contentType) ? BodyKind.Json
            : contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) ? BodyKind.Multipart
            : BodyKind.Form;
        return new RequestBodySpec(type.NonNullable, contentType == "*/*" ? "application/json" : contentType, kind, LenientRead.Flag(body, "required"));
    }

    /// <summary>The schema of one media type of a <c>content</c> map; null when it has none.</summary>
    private SchemaNode? SchemaOf(SpecObject content, string contentType) =>
        LenientRead.Object(content, contentType) is { } mediaType && LenientRead.Object(mediaType, "schema") is { } schema ? _document.Schema(schema) : null;

    /// <summary>
    /// Whether an object body has a member of raw bytes (<c>format: binary</c>, alone or as array items), its own or
    /// through <c>allOf</c>. Walked with a stack: a spec's <c>allOf</c> chain may be as long as it likes.
    /// </summary>
    private static bool CarriesFiles(SchemaNode? body)
    {
        var pending = new Stack<SchemaNode>();
        var seen = new HashSet<SchemaNode>();
        if (body is not null)
        {
            pending.Push(body);
        }

        while (pending.Count > 0)
        {
            var schema = pending.Pop();
            if (!seen.Add(schema))
            {
                continue;
            }

            if ((schema.Properties ?? []).Any(property => IsBinary(property.Value) || IsBinary(property.Value.Items)))
            {
                return true;
            }

            foreach (var part in schema.AllOf ?? [])
            {
                if (part is not null)
                {
                    pending.Push(part);
                }
            }
        }

        return false;
    }

    private static bool IsBinary(SchemaNode? schema) => string.Equals(schema?.Format, "binary", StringComparison.Ordinal);

    private static bool IsJson(string contentType) =>
        contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
        || contentType.IndexOf("+json", StringComparison.OrdinalIgnoreCase) >= 0
        || contentType == "*/*";

    private EquatableArray<ResponseSpec> BuildResponses(string operationName, string pointer, SpecObject operation)
    {
        if (LenientRead.Object(operation, "responses") is not { } responses)
        {
            return EquatableArray<ResponseSpec>.Empty;
        }

        var result = new List<ResponseSpec>();
        foreach (var pair in responses.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (!int.TryParse(pair.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var status) || pair.Value is not SpecObject written)
            {
                continue;
            }

            var responsePointer = JsonPointer.Append(JsonPointer.Append(pointer, "responses"), pair.Key);
            if (_document.Resolve(written, out var target) is not { } response)
            {
                Report(DiagnosticDescriptors.UnresolvedReference, JsonPointer.Append(responsePointer, "$ref"), target!, $"the {pair.Key} response is left out");
                continue;
            }

            // HTTP gives 204, 205 and 304 no body, whatever the document declares for them (four operations of the
            // published spec declare JSON for a 204): typed, every real answer would fail to read.
            var content = HasNoBody(status) ? null : LenientRead.Object(response, "content");
            var contentType = content?.Select(c => c.Key).FirstOrDefault(IsJson);
            TypeRef? type = null;
            PageLinkStyle? linkStyle = null;
            if (contentType is not null && SchemaOf(content!, contentType) is { } schema)
            {
                var hint = operationName + (status == 200 ? "Response" : "Response" + pair.Key);
                var schemaPointer = JsonPointer.Append(JsonPointer.Append(JsonPointer.Append(responsePointer, "content"), contentType), "schema");
                type = Map(schema, schemaPointer, hint).NonNullable;
                if (ComponentOf(Unwrap(schema)) is { Kind: ComponentKind.Page } component && TryGetPageShape(component.Schema, out var shape))
                {
                    linkStyle = shape.LinkStyle;
                }
            }

            result.Add(new ResponseSpec(status, type, contentType, LenientRead.Text(response, "description"), linkStyle));
        }

        return result.ToEquatableArray();
    }

    /// <summary>Statuses that never carry a body (RFC 9110 §15.3.5, §15.3.6, §15.4.5).</summary>
    private static bool HasNoBody(int status) => status is 204 or 205 or 304;

    private EquatableArray<string> BuildPermissions(string operationId, string pointer, SpecObject operation, string? description)
    {
        if (operation.TryGetPropertyValue(PermissionsExtension, out var extension))
        {
            if (extension is SpecArray array
                && array.All(item => item is SpecValue value && value.GetValueKind() == JsonValueKind.String && TextPatterns.IsIdentifier(value.Text)))
            {
                return array.Select(item => ((SpecValue)item!).Text).Distinct(StringComparer.Ordinal).ToEquatableArray();
            }

            Report(DiagnosticDescriptors.InvalidPermissions, JsonPointer.Append(pointer, PermissionsExtension), operationId);
            return EquatableArray<string>.Empty;
        }

        // "Requires IsDMAdmin, IsPlatformAdmin, or IsDepartmentModeAdminInPlatform permission", as 34 descriptions of the
        // published spec say it.
        return description is not null && PermissionSentence.Read(description) is { } names
            ? names.ToEquatableArray()
            : EquatableArray<string>.Empty;
    }

    /// <summary>The schemes an operation's security requirements name (its own, or else the document's).</summary>
    private EquatableArray<string> BuildSecurity(SpecObject operation)
    {
        var requirements = LenientRead.Array(operation, "security") ?? LenientRead.Array(_document.Root, "security");
        if (requirements is null)
        {
            return EquatableArray<string>.Empty;
        }

        return requirements
            .OfType<SpecObject>()
            .SelectMany(requirement => requirement.Select(scheme => scheme.Key))
            .Where(id => id.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToEquatableArray();
    }

    /// <summary>
    /// Whether the operation's security (or the document's) holds an empty requirement, <c>{}</c>: in OpenAPI, that
    /// alternative needs no credentials. The published spec writes <c>[{PlatformApiKeyAuthentication: []}, {}]</c> for
    /// operations that serve anonymous callers and callers with a key alike.
    /// </summary>
    private bool ListsEmptyRequirement(SpecObject operation) =>
        (LenientRead.Array(operation, "security") ?? LenientRead.Array(_document.Root, "security")) is { } requirements
        && requirements.OfType<SpecObject>().Any(requirement => requirement.Count == 0);

    private EquatableArray<SecuritySchemeSpec> BuildSecuritySchemes()
    {
        if (_document.Components is not { } components || LenientRead.Object(components, "securitySchemes") is not { } schemes)
        {
            return EquatableArray<SecuritySchemeSpec>.Empty;
        }

        var result = new List<SecuritySchemeSpec>();
        foreach (var pair in schemes.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (pair.Value is not SpecObject written || _document.Resolve(written, out _) is not { } scheme)
            {
                continue;
            }

            result.Add(new SecuritySchemeSpec(
                pair.Key,
                LenientRead.String(scheme, "type") is { } type && type is "apiKey" or "http" or "oauth2" or "openIdConnect" ? type : "unknown",
                LenientRead.String(scheme, "in") is { } location && location is "header" or "query" or "cookie" ? location : null,
                LenientRead.Text(scheme, "name"),
                LenientRead.Text(scheme, "scheme"),
                LenientRead.Text(scheme, "description"),
                LenientRead.Text(scheme, "description") is { } description ? TextPatterns.SchemeWord(description) : null));
        }

        return result.ToEquatableArray();
    }

    private static string CamelCase(string pascal) =>
        pascal.Length == 0 || pascal[0] == '_' ? pascal : char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
}
