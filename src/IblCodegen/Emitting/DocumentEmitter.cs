using IblCodegen.Model;
using Microsoft.CodeAnalysis.Text;

namespace IblCodegen.Emitting;

/// <summary>
/// Emits the spec's own document and the endpoint that serves it, for a service that describes itself with the
/// spec's words (paths as written, parameters, security, <c>x-ibl-permissions</c>, nullability) rather than with what
/// ASP.NET Core can infer from its endpoints.
/// <code>
/// IblDataManagerOpenApiDocument.Map(app);   // GET /openapi/v1.json
/// </code>
/// </summary>
internal static class DocumentEmitter
{
    public static SourceText Emit(DocumentOutput document)
    {
        var identity = document.Identity;
        var writer = EmitHelpers.StartFile(identity);
        writer.WriteLine($$"""
            /// <summary>
            /// The OpenAPI document of "{{EmitHelpers.EscapeXml(identity.Title)}}" as the spec writes it, for the operations this project
            /// generates (and the components they reach): what the service serves to describe itself.
            /// </summary>
            {{EmitHelpers.GeneratedCodeAttribute}}
            public static class {{identity.DocumentTypeName}}
            {
                /// <summary>The document, JSON.</summary>
                public const string Json = {{EmitHelpers.Literal(document.Json)}};

                /// <summary>Serves the document at <paramref name="pattern"/>, to anyone, as <c>application/json</c>.</summary>
                /// <param name="routes">The application, or a route group.</param>
                /// <param name="pattern">Where: <c>/openapi/v1.json</c> unless said otherwise, where ASP.NET Core and the API reference pages look.</param>
                /// <returns>The endpoint's builder, for further conventions.</returns>
                public static global::Microsoft.AspNetCore.Builder.IEndpointConventionBuilder Map(
                    global::Microsoft.AspNetCore.Routing.IEndpointRouteBuilder routes, string pattern = "/openapi/v1.json") =>
                    global::Microsoft.AspNetCore.Builder.AuthorizationEndpointConventionBuilderExtensions.AllowAnonymous(
                        global::Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(routes, pattern, static context =>
                        {
                            context.Response.ContentType = "application/json; charset=utf-8";
                            return global::Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, Json, context.RequestAborted);
                        }));
            }
            """);
        return writer.ToSourceText();
    }
}
