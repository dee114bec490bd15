namespace IblCodegen.Model;

/// <summary>
/// A spec file as the pipeline first sees it: its path, its text and the options set on it. Plain strings, so an
/// unrelated edit elsewhere in the compilation compares equal and leaves everything after this step cached.
/// </summary>
/// <param name="NamespaceOverride">The <c>Namespace</c> item metadata (or the project's namespace), when the project sets one.</param>
/// <param name="Selection">The operations the project uses (<c>Tags</c>, <c>Operations</c>, <c>PathPrefixes</c> metadata); all when it names none.</param>
/// <param name="TypePrefixOverride">The <c>TypePrefix</c> item metadata, when the project sets one.</param>
/// <param name="ServeDocument">The project serves the spec's own document (<c>ServeDocument</c> item metadata).</param>
internal sealed record SpecFile(string Path, string Text, string? NamespaceOverride, SpecSelection Selection, string? TypePrefixOverride = null, bool ServeDocument = false);
