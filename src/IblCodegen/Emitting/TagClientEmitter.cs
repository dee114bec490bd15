using System;
using System.Collections.Generic;
using System.Linq;
using IblCodegen.Model;
using IblCodegen.Model.Naming;
using Microsoft.CodeAnalysis.Text;

namespace IblCodegen.Emitting;

/// <summary>
/// Emits the client of one tag: an interface documenting a method per operation (and, for paged lists, a method that
/// walks every page), and the class implementing it.
/// <code>
/// public Task&lt;Page&lt;CourseGroupSuggestionDetail&gt;&gt; GetSuggestionsCourseManageGroupAsync(
///     string platformKey, string? groupId = null, ..., CancellationToken cancellationToken = default)
/// {
///     var queryFields = new IblDataManagerClient.Query("api/catalog/suggestions/course/manage/group/");
///     queryFields.Add("platform_key", platformKey);
///     var requestMessage = new HttpRequestMessage(HttpMethod.Get, queryFields.ToUrl());
///     return _client.SendAsync(requestMessage, "catalog_suggestions_course_manage_group_retrieve", _client.Json.PageOfCourseGroupSuggestionDetail, cancellationToken);
/// }
/// </code>
/// Required parameters come first (in the model's order, not the spec's listing order); optional ones default to null
/// and are then left out of the request, so the service applies its own defaults.
/// </summary>
internal sealed class TagClientEmitter
{
    private const string Http = "global::System.Net.Http";
    private const string Task = "global::System.Threading.Tasks.Task";
    private const string CancellationToken = "global::System.Threading.CancellationToken";

    private readonly TagClientOutput _model;
    private readonly Dictionary<string, string> _json;
    private readonly string _root;
    private readonly Dictionary<string, ObjectTypeSpec> _objects;

    private TagClientEmitter(TagClientOutput model)
    {
        _model = model;
        _json = JsonTypeKey.Lookup(model.JsonProperties);
        _root = model.Identity.Qualify(model.Identity.ClientTypeName);
        _objects = model.Objects.ToDictionary(t => model.Identity.Qualify(t.Name), StringComparer.Ordinal);
    }

    public static SourceText Emit(TagClientOutput model) => new TagClientEmitter(model).Emit();

    private SourceText Emit()
    {
        var client = _model.Client;
        var writer = EmitHelpers.StartFile(_model.Identity);
        var operations = _model.Operations;

        // The interface carries the documentation; the class, which implements it, inherits it.
        WriteTypeStart(
            writer,
            $"Implemented by <see cref=\"{client.TypeName}\"/>; code that calls the service can be tested with a fake of this interface.",
            $"public partial interface {client.InterfaceName}");
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            if (i > 0)
            {
                writer.WriteLine();
            }

            WriteOperationDocComment(writer, operation);
            WriteSignature(writer, OperationHead(operation, implementation: false), Parameters(operation.Operation), end: ";");
            if (operation.Paging is { } paging)
            {
                writer.WriteLine();
                WriteEnumerateDocComment(writer, operation.Operation, paging);
                WriteSignature(writer, EnumerateHead(paging, implementation: false), EnumerateParameters(operation.Operation, paging), end: ";");
            }
        }

        writer.CloseBlock();
        writer.WriteLine();

        WriteTypeStart(
            writer,
            $"Reached through <see cref=\"{_root}.{client.PropertyName}\"/>, or made on its own over an <see cref=\"{Http}.HttpClient\"/>.",
            $"public partial class {client.TypeName} : {client.InterfaceName}");
        writer.WriteLine($$"""
            private readonly {{_root}} _client;

            /// <summary>A client of these operations alone, over <paramref name="httpClient"/>, whose base address is the service.</summary>
            /// <param name="httpClient">Carries the base address and the credentials (<see cref="{{_model.Identity.Qualify(_model.Identity.ClientOptionsTypeName)}}.ConfigureHttpClient"/> sets both).</param>
            public {{client.TypeName}}({{Http}}.HttpClient httpClient)
                : this(new {{_root}}(httpClient))
            {
            }

            internal {{client.TypeName}}({{_root}} client)
            {
                _client = client;
            }
            """);

        foreach (var operation in operations)
        {
            writer.WriteLine();
            WriteOperation(writer, operation);
            if (operation.Paging is { } paging)
            {
                writer.WriteLine();
                WriteEnumerate(writer, operation.Operation, paging);
            }
        }

        writer.CloseBlock();
        return writer.ToSourceText();
    }

    /// <summary>The tag's description (or a line naming the tag) and <paramref name="remarks"/>, then the type's declaration, opened.</summary>
    private void WriteTypeStart(SourceWriter writer, string remarks, string declaration)
    {
        var client = _model.Client;
        EmitHelpers.WriteDocComment(writer, client.Description, $"The operations tagged <c>{EmitHelpers.EscapeXml(client.Tag)}</c>.", remarks);
        writer.WriteLine(EmitHelpers.GeneratedCodeAttribute);
        writer.WriteLine(declaration);
        writer.OpenBlock();
    }

    private static string ReturnType(ClientOperation call) =>
        call.ResultType is { } type ? $"{Task}<{type.AsNullable(call.ResultMayBeEmpty).Name}>" : Task;

    private static string OperationHead(ClientOperation call, bool implementation) =>
        $"{(implementation ? "public " : string.Empty)}{ReturnType(call)} {call.Operation.ClientMethodName}";

    private static string EnumerateHead(ClientPaging paging, bool implementation) =>
        $"{(implementation ? "public " : string.Empty)}global::System.Collections.Generic.IAsyncEnumerable<{paging.ItemType.Name}> {paging.MethodName}";

    /// <summary>The operation's parameters, less the page number an enumeration sets itself.</summary>
    private List<(string Type, string Name, bool Optional)> EnumerateParameters(OperationSpec operation, ClientPaging paging) =>
        Parameters(operation).Where(p => p.Name != paging.PageParameter?.Identifier).ToList();

    private void WriteOperationDocComment(SourceWriter writer, ClientOperation call)
    {
        WriteDocComment(writer, call.Operation, skip: null);
        writer.WriteLine(call.ResultType switch
        {
            null => "/// <returns>Completes when the service has answered with a success status.</returns>",
            _ when call.ResultMayBeEmpty => "/// <returns>The response body; default when the service answers without one.</returns>",
            _ => "/// <returns>The response body.</returns>",
        });
        writer.WriteLine($"/// <exception cref=\"{_model.Identity.Qualify(_model.Identity.ApiExceptionTypeName)}\">The service answered with an error status.</exception>");
    }

    private void WriteEnumerateDocComment(SourceWriter writer, OperationSpec operation, ClientPaging paging)
    {
        WriteDocComment(writer, operation, paging.PageParameter, enumerating: paging);
        writer.WriteLine($"/// <returns>Every item of every page, in order; the next page is requested when the items of this one have been read.</returns>");
        writer.WriteLine($"/// <exception cref=\"{_model.Identity.Qualify(_model.Identity.ApiExceptionTypeName)}\">The service answered a page request with an error status.</exception>");
    }


    private void WriteOperation(SourceWriter writer, ClientOperation call)
    {
        var operation = call.Operation;
        var result = (Type: call.ResultType, MayBeEmpty: call.ResultMayBeEmpty);
        writer.WriteLine("/// <inheritdoc/>");
        WriteSignature(writer, OperationHead(call, implementation: true), Parameters(operation), end: string.Empty);
        writer.OpenBlock();

        var query = operation.Parameters.Where(p => p.Location == ParameterLocation.Query).ToList();
        var path = PathExpression(operation);
        if (query.Count > 0)
        {
            writer.WriteLine($"var queryFields = new {_root}.Query({path});");
            foreach (var parameter in query)
            {
                // The name is escaped here, once, rather than on every call.
                var name = Uri.EscapeDataString(parameter.Name);
                writer.WriteLine($"queryFields.{FieldCall(name, parameter.Identifier, parameter.ValueType, parameter.IsArray, parameter.IsRequired, parameter.ArraySeparator)};");
            }

            path = "queryFields.ToUrl()";
        }

        writer.WriteLine($"var requestMessage = new {Http}.HttpRequestMessage({MethodExpression(operation.Method)}, {path});");
        foreach (var parameter in operation.Parameters.Where(p => p.Location is ParameterLocation.Header or ParameterLocation.Cookie))
        {
            WriteHeader(writer, parameter);
        }

        if (operation.Body is { } body)
        {
            WriteBody(writer, body);
        }

        var id = EmitHelpers.Literal(operation.OperationId);
        writer.WriteLine(result.Type switch
        {
            null => $"return _client.SendAsync(requestMessage, {id}, cancellationToken);",
            _ when result.MayBeEmpty && result.Type.IsValueType => $"return _client.SendOrNoValueAsync(requestMessage, {id}, _client.Json.{JsonProperty(result.Type)}, cancellationToken);",
            _ when result.MayBeEmpty => $"return _client.SendOrNoContentAsync(requestMessage, {id}, _client.Json.{JsonProperty(result.Type)}, cancellationToken);",
            _ => $"return _client.SendAsync(requestMessage, {id}, _client.Json.{JsonProperty(result.Type)}, cancellationToken);",
        });
        writer.CloseBlock();
    }

    /// <summary>
    /// The walk over every page, through the root client's shared walker: this method only says how to fetch a page,
    /// as a lambda given the next link (null for the first page) or the page number.
    /// </summary>
    private void WriteEnumerate(SourceWriter writer, OperationSpec operation, ClientPaging paging)
    {
        var skip = paging.PageParameter;
        writer.WriteLine("/// <inheritdoc/>");
        WriteSignature(writer, EnumerateHead(paging, implementation: true), EnumerateParameters(operation, paging), end: " =>");
        writer.Indentation++;
        var arguments = Parameters(operation).Select(p => p.Name == skip?.Identifier ? $"{p.Name}: pageNumber" : $"{p.Name}: {p.Name}").ToList();
        arguments.Add("cancellationToken: pageCancellation");
        var firstPage = $"{operation.ClientMethodName}({string.Join(", ", arguments)})";
        var walker = skip is null ? "EnumerateLinkedAsync" : "EnumerateNumberedAsync";
        writer.WriteLine($"{_root}.{walker}<{paging.PageType.Name}, {paging.ItemType.Name}>(");
        writer.Indentation++;
        if (skip is not null)
        {
            writer.WriteLine($"(pageNumber, pageCancellation) => {firstPage},");
        }
        else
        {
            var id = EmitHelpers.Literal(operation.OperationId);
            writer.WriteLine("(nextLink, pageCancellation) =>");
            writer.OpenBlock();
            writer.WriteLine("if (nextLink is null)");
            writer.OpenBlock();
            writer.WriteLine($"return {firstPage};");
            writer.CloseBlock();
            writer.WriteLine();
            writer.WriteLine("// The link holds the query of the first request, with the page moved on; it is followed only to the service itself.");
            writer.WriteLine($"var requestMessage = new {Http}.HttpRequestMessage({Http}.HttpMethod.Get, _client.SameOriginLink(nextLink, {id}));");
            foreach (var parameter in operation.Parameters.Where(p => p.Location is ParameterLocation.Header or ParameterLocation.Cookie))
            {
                WriteHeader(writer, parameter);
            }

            writer.WriteLine($"return _client.SendAsync(requestMessage, {id}, _client.Json.{JsonProperty(paging.PageType)}, pageCancellation);");
            writer.Indentation--;
            writer.WriteLine("},");
        }

        writer.WriteLine("cancellationToken);");
        writer.Indentation -= 2;
    }

    private void WriteDocComment(SourceWriter writer, OperationSpec operation, ParameterSpec? skip, ClientPaging? enumerating = null)
    {
        var text = EmitHelpers.FirstLine(operation.Summary) ?? EmitHelpers.FirstLine(operation.Description);
        var summary = text is null ? $"Calls <c>{EmitHelpers.EscapeXml(operation.OperationId)}</c>." : EmitHelpers.EscapeXml(text);
        if (enumerating is not null)
        {
            var link = enumerating.PageParameter is null ? "following the <c>next</c> link of each page" : "by page number";
            summary = $"Every item of <see cref=\"{operation.ClientMethodName}\"/>, page after page ({link}). {summary}";
        }

        writer.WriteLine($"/// <summary>{summary}</summary>");
        var remarks = $"<c>{operation.Method} {EmitHelpers.EscapeXml(operation.Path)}</c>, operation <c>{EmitHelpers.EscapeXml(operation.OperationId)}</c>.";
        if (operation.Permissions.Count > 0)
        {
            remarks += " The caller needs one of these permissions: " + string.Join(", ", operation.Permissions) + ".";
        }

        if (operation.IsDeprecated)
        {
            remarks += " Deprecated by the API.";
        }

        writer.WriteLine($"/// <remarks>{remarks}</remarks>");
        foreach (var parameter in Ordered(operation))
        {
            if (parameter.Spec is { } spec && spec != skip)
            {
                var doc = spec.Summary is { Length: > 0 } description
                    ? EmitHelpers.EscapeXml(EmitHelpers.FirstLine(description)!)
                    : $"The {spec.Location.ToString().ToLowerInvariant()} parameter <c>{EmitHelpers.EscapeXml(spec.Name)}</c>.";
                if (!spec.IsRequired)
                {
                    doc = EndSentence(doc);
                    doc += spec.DefaultValue is null ? " Left out when null." : " Left out when null (the service then uses its default).";
                }

                writer.WriteLine($"/// <param name=\"{spec.Identifier.TrimStart('@')}\">{doc}</param>");
            }
            else if (parameter.Spec is null)
            {
                writer.WriteLine("/// <param name=\"body\">The request body.</param>");
            }
        }

        writer.WriteLine("/// <param name=\"cancellationToken\">Cancels the request.</param>");
    }

    /// <param name="end">What follows the parameter list: <c>;</c> for an interface member, <c> =></c> before an expression body.</param>
    private static void WriteSignature(SourceWriter writer, string head, IReadOnlyList<(string Type, string Name, bool Optional)> parameters, string end)
    {
        writer.WriteLine(head + "(");
        writer.Indentation++;
        foreach (var (type, name, optional) in parameters)
        {
            writer.WriteLine($"{type} {name}{(optional ? " = null" : string.Empty)},");
        }

        writer.WriteLine($"{CancellationToken} cancellationToken = default){end}");
        writer.Indentation--;
    }

    /// <summary>
    /// The method's parameters: the required ones (in the model's order: path, then by name), a required body, then the
    /// optional ones and an optional body.
    /// </summary>
    private IReadOnlyList<(string Type, string Name, bool Optional)> Parameters(OperationSpec operation) =>
        Ordered(operation).Select(p => p.Spec is { } spec
            ? (ParameterType(spec), spec.Identifier, !spec.IsRequired)
            : (operation.Body!.Type.AsNullable(!operation.Body!.IsRequired).Name, "body", !operation.Body!.IsRequired)).ToList();

    /// <summary>Parameters and body (a null spec) in the order the method declares them.</summary>
    private static IEnumerable<(ParameterSpec? Spec, bool Required)> Ordered(OperationSpec operation)
    {
        var all = operation.Parameters.Select(p => ((ParameterSpec?)p, p.IsRequired)).ToList();
        if (operation.Body is { } body)
        {
            all.Add((null, body.IsRequired));
        }

        return all.Where(p => p.Item2).Concat(all.Where(p => !p.Item2));
    }

    private static string ParameterType(ParameterSpec parameter) =>
        (parameter.IsArray ? TypeRef.List(parameter.ValueType) : parameter.ValueType).AsNullable(!parameter.IsRequired).Name;

    private string PathExpression(OperationSpec operation)
    {
        var parts = new List<string>();
        var template = operation.Path.TrimStart('/');
        var position = 0;
        while (position < template.Length)
        {
            var open = template.IndexOf('{', position);
            var close = open < 0 ? -1 : template.IndexOf('}', open);
            if (open < 0 || close < 0)
            {
                parts.Add(EmitHelpers.Literal(template.Substring(position)));
                break;
            }

            if (open > position)
            {
                parts.Add(EmitHelpers.Literal(template.Substring(position, open - position)));
            }

            var name = template.Substring(open + 1, close - open - 1);
            var parameter = operation.Parameters.FirstOrDefault(p => p.Location == ParameterLocation.Path && p.Name == name);
            parts.Add(parameter is null
                ? EmitHelpers.Literal(template.Substring(open, close - open + 1))
                : $"{_root}.Escape({Text(parameter.Identifier, parameter.ValueType, parameter.IsArray, ",")})");
            position = close + 1;
        }

        return parts.Count == 0 ? "\"\"" : string.Join(" + ", parts);
    }

    /// <summary>A value as request text: strings as they are, enums by their value, the rest formatted invariantly.</summary>
    private string Text(string value, TypeRef valueType, bool isArray, string separator)
    {
        if (isArray)
        {
            return $"string.Join({EmitHelpers.Literal(separator)}, global::System.Linq.Enumerable.Select({value}, {FormatLambda(valueType)}))";
        }

        return valueType switch
        {
            { Primitive: PrimitiveType.String } => value,
            _ when IsEnum(valueType) => value + ".Value",
            _ => $"{_root}.Format({value})",
        };
    }

    /// <summary>The generator declares no value types but string enums.</summary>
    private static bool IsEnum(TypeRef type) => type is { Kind: TypeRefKind.Declared, IsValueType: true };

    private string FormatLambda(TypeRef valueType) => IsEnum(valueType)
        ? "static v => v.Value"
        : $"static v => {_root}.Format(v)";

    /// <summary>An <c>Add</c> call on a <c>Fields</c>: query parameters and form members.</summary>
    private string FieldCall(string name, string value, TypeRef valueType, bool isArray, bool isRequired, string? separator)
    {
        var literal = EmitHelpers.Literal(name);
        if (isArray)
        {
            return $"Add({literal}, {value}, {FormatLambda(valueType)}, separator: {(separator is null ? "null" : EmitHelpers.Literal(separator))})";
        }

        if (IsEnum(valueType))
        {
            return $"Add({literal}, {value}{(isRequired ? "" : "?")}.Value)";
        }

        return $"Add({literal}, {value})";
    }

    private void WriteHeader(SourceWriter writer, ParameterSpec parameter)
    {
        var local = parameter.Identifier.TrimStart('@') + "Value";
        var text = Text(parameter.IsRequired ? parameter.Identifier : local, parameter.ValueType, parameter.IsArray, ",");
        var add = parameter.Location == ParameterLocation.Cookie
            ? $"requestMessage.Headers.TryAddWithoutValidation(\"Cookie\", {EmitHelpers.Literal(parameter.Name + "=")} + {_root}.Escape({text}));"
            : $"requestMessage.Headers.TryAddWithoutValidation({EmitHelpers.Literal(parameter.Name)}, {text});";
        if (parameter.IsRequired)
        {
            writer.WriteLine(add);
            return;
        }

        writer.WriteLine($"if ({parameter.Identifier} is {{ }} {local})");
        writer.OpenBlock();
        writer.WriteLine(add);
        writer.CloseBlock();
    }

    private void WriteBody(SourceWriter writer, RequestBodySpec body)
    {
        var type = body.Type;
        var value = body.IsRequired ? "body" : "bodyValue";
        if (!body.IsRequired)
        {
            writer.WriteLine("if (body is { } bodyValue)");
            writer.OpenBlock();
        }

        if (body.Kind == BodyKind.Json)
        {
            writer.WriteLine($"requestMessage.Content = {_root}.JsonContent({value}, _client.Json.{JsonProperty(type)}, {EmitHelpers.Literal(body.ContentType)});");
        }
        else
        {
            writer.WriteLine($"var formFields = new {_root}.Fields();");
            if (_objects.ContainsKey(type.Name))
            {
                foreach (var property in MembersOf(type))
                {
                    WriteFormMember(writer, body, value, property);
                }
            }
            else
            {
                writer.WriteLine($"formFields.AddMembers({value}, _client.Json.{JsonProperty(type)});");
            }

            writer.WriteLine(body.Kind == BodyKind.Multipart
                ? "requestMessage.Content = formFields.ToMultipartContent();"
                : "requestMessage.Content = formFields.ToFormContent();");
        }

        if (!body.IsRequired)
        {
            writer.CloseBlock();
        }
    }

    private void WriteFormMember(SourceWriter writer, RequestBodySpec body, string value, PropertySpec property)
    {
        var member = $"{value}.{property.Name}";
        var type = property.Type.NonNullable;
        var nullable = property.Type.IsNullable;
        var name = EmitHelpers.Literal(property.JsonName);
        var list = type.Kind == TypeRefKind.List ? type.Element : null;
        if (type.Primitive == PrimitiveType.ByteArray)
        {
            writer.WriteLine(body.Kind == BodyKind.Multipart
                ? $"formFields.AddFile({name}, {member});"
                : $"formFields.Add({name}, {member} is {{ }} {property.Name}Bytes ? global::System.Convert.ToBase64String({property.Name}Bytes) : null);");
        }
        else if (list is { Primitive: PrimitiveType.ByteArray } && body.Kind == BodyKind.Multipart)
        {
            writer.WriteLine($"formFields.AddFiles({name}, {member});");
        }
        else if (list is not null && IsScalar(list))
        {
            writer.WriteLine($"formFields.{FieldCall(property.JsonName, member, list, isArray: true, isRequired: !nullable, separator: null)};");
        }
        else if (IsScalar(type))
        {
            writer.WriteLine($"formFields.{FieldCall(property.JsonName, member, type, isArray: false, isRequired: !nullable, separator: null)};");
        }
        else if (type.Kind == TypeRefKind.StringOrInteger)
        {
            writer.WriteLine($"formFields.Add({name}, {member}{(nullable ? "?" : string.Empty)}.ToString());");
        }
        else if (type.Primitive == PrimitiveType.JsonElement)
        {
            writer.WriteLine($"formFields.Add({name}, {member}{(nullable ? "?" : string.Empty)}.GetRawText());");
        }
        else
        {
            writer.WriteLine($"formFields.AddJson({name}, {member}, _client.Json.{JsonProperty(type)});");
        }
    }

    /// <summary>A class's members, inherited ones first.</summary>
    private IEnumerable<PropertySpec> MembersOf(TypeRef type)
    {
        var chain = new List<ObjectTypeSpec>();
        for (var name = type.Name; name is not null && _objects.TryGetValue(name, out var objectType) && !chain.Contains(objectType); name = objectType.BaseType?.Name)
        {
            chain.Insert(0, objectType);
        }

        return chain.SelectMany(t => t.Properties);
    }

    private static bool IsScalar(TypeRef type) => IsEnum(type) || type.Primitive is PrimitiveType.String or PrimitiveType.Boolean or PrimitiveType.Int32
        or PrimitiveType.Int64 or PrimitiveType.Single or PrimitiveType.Double or PrimitiveType.Decimal or PrimitiveType.DateOnly or PrimitiveType.DateTimeOffset or PrimitiveType.Guid;

    private static string MethodExpression(string method) => method switch
    {
        "GET" => $"{Http}.HttpMethod.Get",
        "POST" => $"{Http}.HttpMethod.Post",
        "PUT" => $"{Http}.HttpMethod.Put",
        "DELETE" => $"{Http}.HttpMethod.Delete",
        "PATCH" => $"{Http}.HttpMethod.Patch",
        "HEAD" => $"{Http}.HttpMethod.Head",
        "OPTIONS" => $"{Http}.HttpMethod.Options",
        _ => $"new {Http}.HttpMethod({EmitHelpers.Literal(method)})",
    };

    /// <summary>The JSON context property holding the metadata of <paramref name="type"/>.</summary>
    private string JsonProperty(TypeRef type) => _json[JsonTypeGraph.Normalize(type).Name];

    /// <summary>Ends a spec sentence with a full stop, so that a sentence can follow it.</summary>
    private static string EndSentence(string text) =>
        text.Length == 0 || text.EndsWith(".", StringComparison.Ordinal) || text.EndsWith("!", StringComparison.Ordinal) || text.EndsWith("?", StringComparison.Ordinal)
            ? text
            : text + ".";
}
