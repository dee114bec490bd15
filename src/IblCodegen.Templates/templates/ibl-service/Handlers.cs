namespace IblService;

/// <summary>
/// The operations this service implements (spec tag "SPEC_TAG"). Each answers 501 Not Implemented until its handler
/// is written here: the build lists them (IBL0105), with the exact method to write.
/// </summary>
[IblCodegen.OpenApiHandlers(Tags = ["SPEC_TAG"], StubMissingHandlers = true)]
public sealed partial class Handlers
{
}
