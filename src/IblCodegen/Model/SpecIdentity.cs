namespace IblCodegen.Model;

/// <summary>
/// What every output of one spec file shares: the hint-name prefix, the namespace of the generated code and the
/// document's title. Not its version, which only the spec-info file states: a version bump then rewrites that file alone.
/// </summary>
/// <param name="SpecPath">The spec file, where problems with its outputs are reported.</param>
internal sealed record SpecIdentity(string HintPrefix, string Namespace, string Title, string SpecPath)
{
    /// <summary>The class exposing the spec's title and version: "IblDataManagerSpec" for ibl-data-manager.yaml.</summary>
    public string SpecInfoTypeName => HintPrefix + "Spec";

    /// <summary>The System.Text.Json context holding the serialization metadata of every generated type.</summary>
    public string JsonContextTypeName => HintPrefix + "JsonContext";

    /// <summary>The root client: one property per tag client.</summary>
    public string ClientTypeName => HintPrefix + "Client";

    /// <summary>The options the DI registration of the client reads.</summary>
    public string ClientOptionsTypeName => HintPrefix + "ClientOptions";

    /// <summary>What a client call throws when the service answers with an error status.</summary>
    public string ApiExceptionTypeName => HintPrefix + "ApiException";

    /// <summary>An RFC 9457 problem document, as an error response carries it.</summary>
    public string ApiProblemTypeName => HintPrefix + "Problem";

    /// <summary>The static class holding <c>Add…Client</c>.</summary>
    public string ClientExtensionsTypeName => HintPrefix + "ClientServiceCollectionExtensions";

    /// <summary>A type of the spec's namespace, fully qualified: <c>global::IblDataManager.Course</c>.</summary>
    public string Qualify(string typeName) => "global::" + Namespace + "." + typeName;

    /// <summary>Every name the generator declares in the namespace beside the schema types.</summary>
    public string[] ReservedTypeNames =>
        [SpecInfoTypeName, JsonContextTypeName, ClientTypeName, ClientOptionsTypeName, ApiExceptionTypeName, ApiProblemTypeName, ClientExtensionsTypeName];
}
