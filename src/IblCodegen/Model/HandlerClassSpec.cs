namespace IblCodegen.Model;

/// <summary>
/// A partial class marked <c>[OpenApiHandlers]</c>: where the service implements operations, and which ones.
/// Plain values read off the class symbol, so unrelated edits leave it equal.
/// </summary>
/// <param name="Spec">The spec it implements (title or file name); null when the project has one spec.</param>
/// <param name="DeclaredMethods">The names of the methods the class declares itself, to find missing handlers.</param>
/// <param name="PartialMethods">The partial methods the class implements: handlers, some perhaps of operations the spec no longer has.</param>
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
    EquatableArray<string> DeclaredMethods,
    EquatableArray<string> PartialMethods,
    bool StubMissingHandlers,
    string? Problem)
{
    public string FullName => Namespace is null ? Name : Namespace + "." + Name;
}

/// <summary>One entry of a handler class's <c>Tags</c>, <c>Operations</c> or <c>PathPrefixes</c>, where it is written.</summary>
/// <param name="Location">The string literal in the user's source: diagnostics only, never the generated source.</param>
internal sealed record HandlerSelectionEntry(string Kind, string Value, Microsoft.CodeAnalysis.Location Location);
