namespace IblCodegen.Model;

/// <summary>
/// A spec file as the pipeline first sees it: its path, its text and the options set on it. Plain strings, so an
/// unrelated edit elsewhere in the compilation compares equal and leaves everything after this step cached.
/// </summary>
/// <param name="NamespaceOverride">The <c>Namespace</c> item metadata (or the project's namespace), when the project sets one.</param>
/// <param name="Selection">The operations the project uses (<c>Tags</c>, <c>Operations</c>, <c>PathPrefixes</c> metadata); all when it names none.</param>
/// <param name="TypePrefixOverride">The <c>TypePrefix</c> item metadata, when the project sets one.</param>
/// <param name="ServeDocument">The project serves the spec's own document (<c>ServeDocument</c> item metadata).</param>
/// <param name="Generate">The <c>Generate</c> item metadata as written: <c>All</c> (or nothing), <c>Library</c> or <c>Server</c>.</param>
internal sealed record SpecFile(string Path, string Text, string? NamespaceOverride, SpecSelection Selection, string? TypePrefixOverride = null, bool ServeDocument = false, string? Generate = null)
{
    /// <summary>
    /// The project generates the server alone: the models, JSON context, spec info and client come from a library it
    /// references, generated from the same spec.
    /// </summary>
    public bool ServerOnly => string.Equals(Generate?.Trim(), "Server", System.StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The project is the library of a two-project layout: everything <c>All</c> gives, and the server side of each
    /// operation (its request reading, mapping and handler interface, and the server runtime, public), which a
    /// <c>Generate="Server"</c> service then maps with a call per operation instead of compiling it itself.
    /// </summary>
    public bool EndpointLibrary => string.Equals(Generate?.Trim(), "Library", System.StringComparison.OrdinalIgnoreCase);

    /// <summary>A <c>Generate</c> value that is none of <c>All</c>, <c>Library</c> and <c>Server</c>.</summary>
    public bool HasUnknownGenerate => !string.IsNullOrWhiteSpace(Generate) && !ServerOnly && !EndpointLibrary && !string.Equals(Generate!.Trim(), "All", System.StringComparison.OrdinalIgnoreCase);
}
