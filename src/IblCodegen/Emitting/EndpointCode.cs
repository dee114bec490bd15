using System.Collections.Generic;
using System.Linq;
using IblCodegen.Model;
using IblCodegen.Model.Naming;

namespace IblCodegen.Emitting;

/// <summary>
/// The code of one generated endpoint, wherever it is written: in a handler class (<see cref="ServerHandlersEmitter"/>),
/// or in an endpoint library's map method for services to call (<see cref="EndpointLibraryEmitter"/>). Both then
/// read, check and answer a request alike.
/// </summary>
internal static class EndpointCode
{
    public const string Http = "global::Microsoft.AspNetCore.Http";
    public const string Runtime = "global::IblCodegen.Server";
    public const string Task = "global::System.Threading.Tasks.Task";

    /// <summary>
    /// The <c>Endpoints.Map</c> call of an operation: onto <paramref name="routes"/>, its path and method, the request
    /// delegate <paramref name="handler"/>, then on four lines name, tag and summary; what the endpoint accepts and
    /// answers; the problems it may answer with (<paramref name="problems"/>, a C# expression); who may call it.
    /// </summary>
    /// <param name="head">What the statement starts with: nothing, or <c>return </c>.</param>
    /// <remarks>
    /// Metadata is attached as it is, not inferred from the handler: endpoints are RequestDelegates, so nothing is
    /// compiled or reflected over at startup (trim- and native-AOT-safe).
    /// </remarks>
    public static void WriteMapCall(SourceWriter writer, string head, string routes, OperationSpec operation, string handler, string problems)
    {
        var metadata = new List<string>();
        if (operation.Body is { Kind: BodyKind.Json } body)
        {
            metadata.Add($"{Runtime}.Endpoints.Accepts<{body.Type.Name}>({EmitHelpers.Literal(body.ContentType)}, isOptional: {Bool(!body.IsRequired)})");
        }

        foreach (var response in operation.Responses.Where(r => r.StatusCode < 400))
        {
            metadata.Add(response.Type is { } type
                ? $"{Runtime}.Endpoints.Produces<{type.Name}>({response.StatusCode}, {EmitHelpers.Literal(response.ContentType ?? "application/json")})"
                : $"{Runtime}.Endpoints.NoBody({response.StatusCode})");
        }

        var summary = string.IsNullOrWhiteSpace(operation.Summary) ? "null" : EmitHelpers.Literal(operation.Summary!);
        var permissions = operation.Permissions.Count > 0 ? "[" + string.Join(", ", operation.Permissions.Select(EmitHelpers.Literal)) + "]" : "null";
        writer.WriteLine($"{head}{Runtime}.Endpoints.Map({routes}, {EmitHelpers.Literal(operation.Path)}, {EmitHelpers.Literal(operation.Method)}, {handler},");
        writer.Indentation++;
        var tags = "[" + string.Join(", ", operation.Tags.Select(EmitHelpers.Literal)) + "]";
        writer.WriteLine($"name: {EmitHelpers.Literal(operation.OperationId)}, tags: {tags}, summary: {summary},");
        writer.WriteLine($"metadata: [{string.Join(", ", metadata)}],");
        writer.WriteLine($"problems: {problems},");
        writer.WriteLine($"permissions: {permissions}, allowAnonymous: {Bool(operation.IsOpen)}{(operation.TakesOptionalCredentials ? ", credentialsOptional: true" : string.Empty)});");
        writer.Indentation--;
    }

    /// <summary>
    /// What a stub answers, the generated partial method or an endpoint library's endpoint without a handler: the
    /// operation and the method to write.
    /// </summary>
    public static string NotImplementedDetail(OperationSpec operation) =>
        EmitHelpers.Literal($"{operation.OperationId} is not implemented yet: write {operation.HandlerName}.");

    /// <summary>
    /// The problem statuses an endpoint declares, as a collection expression: the spec's error responses, and what
    /// the endpoint answers on its own where the spec does not say it (the service's OpenAPI document and its clients
    /// then know every status they can meet).
    /// </summary>
    public static string Problems(OperationSpec operation, bool stubbed)
    {
        var problems = operation.Responses.Where(r => r.StatusCode >= 400).Select(r => r.StatusCode).ToList();
        problems.AddRange(OwnStatuses(operation, stubbed).Where(s => !operation.Responses.Any(r => r.StatusCode == s)));
        return "[" + string.Join(", ", problems) + "]";
    }

    /// <summary>The static arrays of the operation's enum parameters' values, allocated once rather than per request.</summary>
    public static void WriteAllowedValues(SourceWriter writer, OperationSpec operation)
    {
        foreach (var parameter in operation.Parameters.Where(p => p.Kind == ValueKind.Enum && !p.IsArray))
        {
            var values = string.Join(", ", parameter.AllowedValues.Select(EmitHelpers.Literal));
            writer.WriteLine($"private static readonly string[] {AllowedValuesField(operation.Name, parameter)} = [{values}];");
            writer.WriteLine();
        }
    }

    /// <summary>
    /// The request delegate of an operation, named <paramref name="name"/>: reads and checks every parameter and the
    /// body, answers 400 naming each one at fault, or calls the handler <paramref name="handlers"/> (an expression of
    /// <c>httpContext</c>) gives and writes its result.
    /// </summary>
    /// <param name="modifiers">What the method starts with: <c>private static </c> in a class, nothing for a local function.</param>
    /// <param name="withoutHandler">
    /// A condition under which there is no handler to call (an endpoint library's endpoint the service has not written
    /// yet): the checked request is then answered 501, naming the method to write. Null: there always is one.
    /// </param>
    public static void WriteRequestDelegate(SourceWriter writer, SpecIdentity identity, Dictionary<string, string> json, OperationSpec operation, string modifiers, string name, string handlers, string? withoutHandler = null)
    {
        // Without a body to read, nothing is awaited before the handler runs: the endpoint returns the task that
        // writes the handler's result, and is no async state machine of its own.
        var isAsync = operation.Body is not null;
        writer.WriteLine($"{modifiers}{(isAsync ? "async " : string.Empty)}{Task} {name}({Http}.HttpContext httpContext)");
        writer.OpenBlock();
        writer.WriteLine($"var errors = new {Runtime}.RequestErrors();");
        foreach (var parameter in operation.Parameters)
        {
            writer.WriteLine($"var {parameter.Identifier} = {ReadExpression(operation.Name, parameter)};");
        }

        if (operation.Body is { } body)
        {
            writer.WriteLine(body.Kind == BodyKind.Json
                ? $"var body = await {Runtime}.RequestReader.JsonBodyAsync(httpContext, {identity.Qualify(identity.JsonContextTypeName)}.Default.{json[body.Type.Name]}, required: {Bool(body.IsRequired)}, errors);"
                : $"var body = await {Runtime}.RequestReader.FormBodyAsync(httpContext, required: {Bool(body.IsRequired)}, errors);");
        }

        WriteAnswerIf(writer, isAsync, "errors.HasErrors", "errors.WriteAsync(httpContext)");
        if (withoutHandler is not null)
        {
            WriteAnswerIf(writer, isAsync, withoutHandler, $"{Runtime}.Endpoints.NotImplementedAsync(httpContext, {NotImplementedDetail(operation)})");
        }

        var arguments = operation.Parameters.Select(Argument).ToList();
        if (operation.Body is { } requestBody)
        {
            arguments.Add(requestBody.IsRequired ? "body!" : "body");
        }

        arguments.Add("httpContext.RequestAborted");
        var call = $"{Runtime}.Endpoints.ExecuteAsync(httpContext, {handlers}.{operation.HandlerName}({string.Join(", ", arguments)})";
        var pages = operation.Responses.Where(r => r.IsSuccess && r.PageLinkStyle is not null && r.Type is not null).ToList();
        var prefix = isAsync ? "await " : "return ";
        if (pages.Count == 0)
        {
            writer.WriteLine($"{prefix}{call});");
        }
        else
        {
            // The spec, not the handler, decides how this response names its page links.
            writer.WriteLine($"{prefix}{call}, static result =>");
            writer.OpenBlock();
            foreach (var response in pages)
            {
                writer.WriteLine($"if (result.Result is {HandlerSignature.SuccessType(response)} {{ Value: {{ }} returnedPage }})");
                writer.OpenBlock();
                writer.WriteLine($"returnedPage.LinkStyle = global::{identity.Namespace}.PageLinkStyle.{response.PageLinkStyle};");
                writer.CloseBlock();
            }

            writer.CloseBlock(");");
        }

        writer.CloseBlock();
    }

    /// <summary>
    /// Ends the request delegate early with the answer <paramref name="answer"/> (a task) writes, when
    /// <paramref name="condition"/> holds: awaited in an async delegate, returned in one that is not.
    /// </summary>
    private static void WriteAnswerIf(SourceWriter writer, bool isAsync, string condition, string answer)
    {
        writer.WriteLine($"if ({condition})");
        writer.OpenBlock();
        if (isAsync)
        {
            writer.WriteLine($"await {answer};");
            writer.WriteLine("return;");
        }
        else
        {
            writer.WriteLine($"return {answer};");
        }

        writer.CloseBlock();
        writer.WriteLine();
    }

    /// <summary>
    /// The statuses a generated endpoint produces without its handler: 400 for a bad parameter or body, 401 without
    /// credentials, 403 without a permission, 415 for a JSON body of another media type, 501 for a stub.
    /// </summary>
    private static IEnumerable<int> OwnStatuses(OperationSpec operation, bool stubbed)
    {
        if (operation.Parameters.Count > 0 || operation.Body is not null)
        {
            yield return 400;
        }

        if (!operation.IsOpen)
        {
            yield return 401;
        }

        if (operation.Permissions.Count > 0)
        {
            yield return 403;
        }

        if (operation.Body is { Kind: BodyKind.Json })
        {
            yield return 415;
        }

        if (stubbed)
        {
            yield return 501;
        }
    }

    /// <summary>
    /// The static array of an enum parameter's values; named from the parameter's C# name, which is unique in the
    /// operation where the spec's names may repeat across locations.
    /// </summary>
    private static string AllowedValuesField(string operationName, ParameterSpec parameter) =>
        $"s_{operationName}{Identifiers.ToPascalCase(parameter.Identifier.TrimStart('@'))}Values";

    private static string ReadExpression(string operationName, ParameterSpec parameter)
    {
        var source = parameter.Location switch
        {
            ParameterLocation.Path => $"new global::Microsoft.Extensions.Primitives.StringValues(httpContext.Request.RouteValues[{EmitHelpers.Literal(parameter.Name)}] as string)",
            ParameterLocation.Header => $"httpContext.Request.Headers[{EmitHelpers.Literal(parameter.Name)}]",
            ParameterLocation.Cookie => $"new global::Microsoft.Extensions.Primitives.StringValues(httpContext.Request.Cookies[{EmitHelpers.Literal(parameter.Name)}])",
            _ => $"httpContext.Request.Query[{EmitHelpers.Literal(parameter.Name)}]",
        };
        var name = EmitHelpers.Literal(parameter.Name);
        var required = "required: " + Bool(parameter.IsRequired);
        var (parser, expected) = Parser(parameter);

        string read;
        if (parameter.IsArray)
        {
            read = $"{Runtime}.RequestReader.List<{parameter.ValueType.Name}>({source}, {name}, {required}, {parser}, {EmitHelpers.Literal(expected)}, errors)";
        }
        else if (parameter.Kind == ValueKind.String)
        {
            var minLength = parameter.MinLength is { } min ? min.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null";
            read = $"{Runtime}.RequestReader.String({source}, {name}, {required}, minLength: {minLength}, errors)";
        }
        else if (parameter.Kind == ValueKind.Enum)
        {
            read = $"{Runtime}.RequestReader.Enum({source}, {name}, {required}, {AllowedValuesField(operationName, parameter)}, static text => new {parameter.ValueType.Name}(text), errors)";
        }
        else
        {
            read = $"{Runtime}.RequestReader.Value<{parameter.ValueType.Name}>({source}, {name}, {required}, {parser}, {EmitHelpers.Literal(expected)}, errors)";
        }

        return parameter.DefaultValue is { } defaultValue ? $"{read} ?? {DefaultExpression(parameter, defaultValue)}" : read;
    }

    /// <summary>The parameter's default as a C# expression of its type.</summary>
    private static string DefaultExpression(ParameterSpec parameter, string value) => parameter.Kind switch
    {
        ValueKind.String => EmitHelpers.Literal(value),
        ValueKind.Enum => $"new {parameter.ValueType.Name}({EmitHelpers.Literal(value)})",
        ValueKind.Int64 => value + "L",
        ValueKind.Double => value + "d",
        _ => value,
    };

    private static (string Parser, string Expected) Parser(ParameterSpec parameter) => parameter.Kind switch
    {
        ValueKind.Int32 => ($"{Runtime}.Parsers.Int32", "an integer"),
        ValueKind.Int64 => ($"{Runtime}.Parsers.Int64", "an integer"),
        ValueKind.Double => ($"{Runtime}.Parsers.Double", "a number"),
        ValueKind.Float => ($"{Runtime}.Parsers.Single", "a number"),
        ValueKind.Decimal => ($"{Runtime}.Parsers.Decimal", "a number"),
        ValueKind.Boolean => ($"{Runtime}.Parsers.Boolean", "true or false"),
        ValueKind.Date => ($"{Runtime}.Parsers.Date", "a date (YYYY-MM-DD)"),
        ValueKind.DateTime => ($"{Runtime}.Parsers.DateTime", "an ISO 8601 date and time"),
        ValueKind.Guid => ($"{Runtime}.Parsers.Guid", "a UUID"),
        ValueKind.Enum => ($"static (string text, out {parameter.ValueType.Name} value) => {{ value = new {parameter.ValueType.Name}(text); return true; }}", "a listed value"),
        _ => ($"{Runtime}.Parsers.String", "text"),
    };

    /// <summary>The argument passed to the handler: required values were checked, so they are there.</summary>
    private static string Argument(ParameterSpec parameter)
    {
        if (!parameter.IsRequired || parameter.DefaultValue is not null)
        {
            return parameter.Identifier;
        }

        var isValueType = !parameter.IsArray && parameter.Kind is not (ValueKind.String);
        return isValueType ? parameter.Identifier + ".GetValueOrDefault()" : parameter.Identifier + "!";
    }

    public static string Bool(bool value) => value ? "true" : "false";
}
