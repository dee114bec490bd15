namespace IblCodegen;

/// <summary>Names of the pipeline steps, so tests can assert on each step's cache state.</summary>
internal static class TrackingNames
{
    public const string SpecFiles = nameof(SpecFiles);
    public const string SpecFileNames = nameof(SpecFileNames);
    public const string UniqueSpecFiles = nameof(UniqueSpecFiles);
    public const string SpecResults = nameof(SpecResults);
    public const string SpecTypeNames = nameof(SpecTypeNames);
    public const string RenamedSpecResults = nameof(RenamedSpecResults);
    public const string NamedSpecResults = nameof(NamedSpecResults);
    public const string SpecDiagnostics = nameof(SpecDiagnostics);
    public const string Models = nameof(Models);
    public const string Outputs = nameof(Outputs);
    public const string SpecInfo = nameof(SpecInfo);
    public const string Identities = nameof(Identities);
    public const string JsonGraph = nameof(JsonGraph);
    public const string RootClients = nameof(RootClients);
    public const string TagClients = nameof(TagClients);
    public const string Types = nameof(Types);
    public const string Servers = nameof(Servers);
    public const string Documents = nameof(Documents);
    public const string StringOrInteger = nameof(StringOrInteger);
    public const string ReferencedLibraries = nameof(ReferencedLibraries);
    public const string ProjectSettings = nameof(ProjectSettings);
    public const string HandlerSites = nameof(HandlerSites);
    public const string HandlerClasses = nameof(HandlerClasses);
    public const string HandlerInputs = nameof(HandlerInputs);
    public const string HandlerDiagnostics = nameof(HandlerDiagnostics);
    public const string ServerRuntime = nameof(ServerRuntime);
    public const string EndpointClasses = nameof(EndpointClasses);
    public const string EndpointGroups = nameof(EndpointGroups);
}
