namespace IblService;

/// <summary>
/// The operations this service implements (spec tag "SPEC_TAG"). Each answers 501 Not Implemented until its handler
/// is written here: the build lists them as warnings (IBL0105), each with the method to write. A tag the spec does
/// not have is an error (IBL0106) naming the closest ones.
/// </summary>
[IblCodegen.OpenApiHandlers(Tags = ["SPEC_TAG"], StubMissingHandlers = true)]
public sealed partial class Handlers
{
}
