namespace IblCodegen.Model;

/// <summary>
/// A partial class marked <c>[OpenApiHandlers]</c>: where the service implements operations, and which ones.
/// Plain values read off the class symbol, so unrelated edits leave it equal.
/// </summary>
/// <param name="Spec">The spec it implements (title or file name); null when the project has one spec.</param>
/// <param name="Methods">The ordinary methods the class declares itself, to find handlers, missing ones and near misses.</param>
/// <param name="StubMissingHandlers">Operations without a handler answer 501 instead of failing the build.</param>
/// <param name="Problem">Why the class cannot receive handlers ("it is nested", "it is static"…), or null.</param>
internal sealed record HandlerClassSpec(
    string? Namespace,
    string Name,
    string Accessibility,
    string? Spec,
    EquatableArray<string> Tags,
    EquatableArray<string> Operations,
    EquatableArray<string> PathPrefixes,
    EquatableArray<HandlerMethodSpec> Methods,
    bool StubMissingHandlers,
    string? Problem)
{
    public string FullName => Namespace is null ? Name : Namespace + "." + Name;
}

/// <summary>A method the handler class declares, as much of it as handler matching needs.</summary>
/// <param name="IsPartial">Declared with <c>partial</c>.</param>
/// <param name="IsHandlerShaped">Returns <c>Task&lt;T&gt;</c> of an ASP.NET Core <c>HttpResults</c> type, as handlers do.</param>
/// <param name="Key">Result and parameter types, as <see cref="HandlerSignature.Key"/> writes an operation's.</param>
/// <param name="Display">The signature as the service wrote it, in short names, for messages.</param>
internal sealed record HandlerMethodSpec(string Name, bool IsPartial, bool IsHandlerShaped, string Key, string Display);

/// <summary>Where a method of a handler class is declared: diagnostics only.</summary>
internal sealed record HandlerMethodSite(string Name, string Key, Microsoft.CodeAnalysis.Location Location);

/// <summary>One entry of a handler class's <c>Tags</c>, <c>Operations</c> or <c>PathPrefixes</c>, where it is written.</summary>
/// <param name="Location">The string literal in the user's source: diagnostics only, never the generated source.</param>
internal sealed record HandlerSelectionEntry(string Kind, string Value, Microsoft.CodeAnalysis.Location Location);
