using System.Linq;
using IblCodegen.Model;
using Microsoft.CodeAnalysis.Text;

namespace IblCodegen.Emitting;

/// <summary>
/// Emits the server side of an endpoint library (<c>Generate="Library"</c>): per operation, the interface its handler
/// implements and a method that maps it, reading and checking the request before calling the handler.
/// <code>
/// public static partial class IblDataManagerEndpoints
/// {
///     public interface IGetSuggestionsCourseManageGroupHandler { Task&lt;Results&lt;…&gt;&gt; GetSuggestionsCourseManageGroupAsync(…); }
///
///     public static IEndpointConventionBuilder MapGetSuggestionsCourseManageGroup(
///         IEndpointRouteBuilder routes, Func&lt;HttpContext, IGetSuggestionsCourseManageGroupHandler&gt;? handlersFor)
///     { /* Endpoints.Map(…) of a request delegate; without a handler, 501 */ }
/// }
/// </code>
/// A service's handler class implements the interfaces with its partial methods and maps each operation with one
/// call, passing no handler for an operation it has not written yet (the endpoint then answers 501): the request
/// reading, most of what endpoints cost a build, and the stubs are compiled once, here, and not again on each edit of
/// the service.
/// </summary>
internal static class EndpointLibraryEmitter
{
    private const string Http = EndpointCode.Http;

    public static string InterfaceName(OperationSpec operation) => $"I{operation.Name}Handler";

    public static string MapMethodName(OperationSpec operation) => $"Map{operation.Name}";

    /// <summary>The class itself, with its attribute and documentation: declared once, the tags' files add to it.</summary>
    public static SourceText EmitClass(SpecIdentity identity)
    {
        var writer = EmitHelpers.StartFile(identity);
        writer.WriteLine("/// <summary>");
        writer.WriteLine($"/// The server side of the operations of \"{EmitHelpers.EscapeXml(identity.Title)}\": for each, the interface its");
        writer.WriteLine("/// handler implements and the method that maps it. A service's handler class (<c>[OpenApiHandlers]</c>, with the");
        writer.WriteLine("/// spec item's <c>Generate=\"Server\"</c>) calls these from its generated <c>MapEndpoints</c>.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine(EmitHelpers.GeneratedCodeAttribute);
        writer.WriteLine($"public static partial class {identity.EndpointsTypeName}");
        writer.OpenBlock();
        writer.CloseBlock();
        return writer.ToSourceText();
    }

    public static SourceText Emit(EndpointGroupOutput group)
    {
        var identity = group.Identity;
        var json = JsonTypeKey.Lookup(group.JsonProperties);
        var writer = EmitHelpers.StartFile(identity);
        writer.WriteLine($"public static partial class {identity.EndpointsTypeName}");
        writer.OpenBlock();
        var first = true;
        foreach (var operation in group.Operations)
        {
            if (!first)
            {
                writer.WriteLine();
            }

            first = false;
            WriteInterface(writer, operation);
            writer.WriteLine();
            EndpointCode.WriteAllowedValues(writer, operation);
            WriteMapMethod(writer, identity, json, operation);
        }

        writer.CloseBlock();
        return writer.ToSourceText();
    }

    private static void WriteInterface(SourceWriter writer, OperationSpec operation)
    {
        writer.WriteLine($"/// <summary>The handler of <c>{operation.Method} {EmitHelpers.EscapeXml(operation.Path)}</c> (operation <c>{EmitHelpers.EscapeXml(operation.OperationId)}</c>).</summary>");
        writer.WriteLine($"public interface {InterfaceName(operation)}");
        writer.OpenBlock();
        ServerHandlersEmitter.WriteHandlerDocs(writer, operation);
        writer.WriteLine(HandlerSignature.InterfaceMember(operation) + ";");
        writer.CloseBlock();
    }

    private static void WriteMapMethod(SourceWriter writer, SpecIdentity identity, System.Collections.Generic.Dictionary<string, string> json, OperationSpec operation)
    {
        writer.WriteLine($"/// <summary>Maps <c>{operation.Method} {EmitHelpers.EscapeXml(operation.Path)}</c> (operation <c>{EmitHelpers.EscapeXml(operation.OperationId)}</c>): reads and checks the request, then calls the handler.</summary>");
        writer.WriteLine("/// <param name=\"routes\">Where to map it: the handler class's route group.</param>");
        writer.WriteLine("/// <param name=\"handlersFor\">");
        writer.WriteLine("/// The handler for a request; null while the service has none, and the endpoint then answers a checked request");
        writer.WriteLine("/// with 501 Not Implemented (and declares that status).");
        writer.WriteLine("/// </param>");
        writer.WriteLine("/// <returns>The endpoint, for conventions that apply to it.</returns>");
        writer.WriteLine($"public static global::Microsoft.AspNetCore.Builder.IEndpointConventionBuilder {MapMethodName(operation)}(global::Microsoft.AspNetCore.Routing.IEndpointRouteBuilder routes, global::System.Func<{Http}.HttpContext, {InterfaceName(operation)}>? handlersFor)");
        writer.OpenBlock();

        // A stub's 501 is declared only where there is no handler.
        var problems = EndpointCode.Problems(operation, stubbed: false);
        var stubbedProblems = EndpointCode.Problems(operation, stubbed: true);
        EndpointCode.WriteMapCall(writer, "return ", "routes", operation, "Handle", problems == stubbedProblems ? problems : $"handlersFor is null ? {stubbedProblems} : {problems}");
        writer.WriteLine();
        EndpointCode.WriteRequestDelegate(writer, identity, json, operation, string.Empty, "Handle", "handlersFor(httpContext)", withoutHandler: "handlersFor is null");
        writer.CloseBlock();
    }
}
