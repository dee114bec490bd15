namespace IblCodegen;

/// <summary>Names of the pipeline steps, so tests can assert on each step's cache state.</summary>
internal static class TrackingNames
{
    public const string SpecFiles = nameof(SpecFiles);
    public const string SpecResults = nameof(SpecResults);
    public const string Models = nameof(Models);
    public const string Types = nameof(Types);
    public const string ProjectSettings = nameof(ProjectSettings);
    public const string HandlerClasses = nameof(HandlerClasses);
    public const string HandlerInputs = nameof(HandlerInputs);
}
