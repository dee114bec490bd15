using Microsoft.AspNetCore.Http.HttpResults;

namespace IblCodegen.Sample.Handlers;

/// <summary>The ProblemDetails (RFC 9457) the handlers answer with.</summary>
internal static class Problems
{
    public static ProblemHttpResult BadRequest(string parameter, string message) =>
        TypedResults.Problem(
            message,
            statusCode: StatusCodes.Status400BadRequest,
            title: "The request is not valid.",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [parameter] = [message] } });

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
