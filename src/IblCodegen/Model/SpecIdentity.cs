namespace IblCodegen.Model;

/// <summary>
/// What every output of one spec file shares: the hint-name prefix, the namespace and type prefix of the generated
/// code, and the document's title. Not its version, which only the spec-info file states: a version bump then
/// rewrites that file alone.
/// </summary>
/// <param name="HintPrefix">From the file's name, for hint names only: <c>IblDataManager4904AiPlus</c>.</param>
/// <param name="TypePrefix">
/// What the types named after the spec start with: from <c>info.title</c> (<c>IblDataManager</c> for
/// "ibl-data-manager"), or the <c>TypePrefix</c> item metadata. Not from the file name, which changes with each
/// versioned download of the same spec.
/// </param>
/// <param name="SpecPath">The spec file, where problems with its outputs are reported.</param>
/// <param name="ServerOnly">
/// Only the server is generated here (<c>Generate="Server"</c>); the spec's types come from a referenced library.
/// </param>
/// <param name="EndpointLibrary">
/// The server side of each operation is generated here too, for services to map (<c>Generate="Library"</c>).
/// </param>
internal sealed record SpecIdentity(string HintPrefix, string TypePrefix, string Namespace, string Title, string SpecPath, bool ServerOnly = false, bool EndpointLibrary = false)
{
    /// <summary>The class exposing the spec's title and version: "IblDataManagerSpec".</summary>
    public string SpecInfoTypeName => TypePrefix + "Spec";

    /// <summary>The System.Text.Json context holding the serialization metadata of every generated type.</summary>
    public string JsonContextTypeName => TypePrefix + "JsonContext";

    /// <summary>The root client: one property per tag client.</summary>
    public string ClientTypeName => TypePrefix + "Client";

    /// <summary>The root client's interface, for code that uses the client to be tested with a fake of it.</summary>
    public string ClientInterfaceName => "I" + ClientTypeName;

    /// <summary>Records the status and headers of the responses to calls made while it is open.</summary>
    public string ResponseCaptureTypeName => TypePrefix + "ResponseCapture";

    /// <summary>One response a capture recorded: operation, status, headers.</summary>
    public string ResponseTypeName => TypePrefix + "Response";

    /// <summary>The class holding the spec's own document and the endpoint that serves it.</summary>
    public string DocumentTypeName => TypePrefix + "OpenApiDocument";

    /// <summary>The options the DI registration of the client reads.</summary>
    public string ClientOptionsTypeName => TypePrefix + "ClientOptions";

    /// <summary>What a client call throws when the service answers with an error status.</summary>
    public string ApiExceptionTypeName => TypePrefix + "ApiException";

    /// <summary>An RFC 9457 problem document, as an error response carries it.</summary>
    public string ApiProblemTypeName => TypePrefix + "Problem";

    /// <summary>The static class holding <c>Add…Client</c>.</summary>
    public string ClientExtensionsTypeName => TypePrefix + "ClientServiceCollectionExtensions";

    /// <summary>
    /// The static class of an endpoint library (<c>Generate="Library"</c>): per operation, the interface its handler
    /// implements and the method that maps it.
    /// </summary>
    public string EndpointsTypeName => TypePrefix + "Endpoints";

    /// <summary>A type of the spec's namespace, fully qualified: <c>global::IblDataManager.Course</c>.</summary>
    public string Qualify(string typeName) => "global::" + Namespace + "." + typeName;

    /// <summary>Every name the generator declares in the namespace beside the schema types.</summary>
    public string[] ReservedTypeNames =>
        [
            SpecInfoTypeName, JsonContextTypeName, ClientTypeName, ClientInterfaceName, ClientOptionsTypeName, ApiExceptionTypeName, ApiProblemTypeName,
            ResponseCaptureTypeName, ResponseTypeName, ClientExtensionsTypeName, DocumentTypeName, EndpointsTypeName,
        ];
}
