namespace IblCodegen.Model;

/// <summary>
/// What every output of one spec file shares: the hint-name prefix, the namespace of the generated code,
/// and the document's own title and version (exposed as constants so a service can tell which spec it was built from).
/// </summary>
internal sealed record SpecIdentity(string HintPrefix, string Namespace, string Title, string Version)
{
    /// <summary>The class exposing the spec's title and version: "IblDataManagerSpec" for ibl-data-manager.yaml.</summary>
    public string SpecInfoTypeName => HintPrefix + "Spec";
}
