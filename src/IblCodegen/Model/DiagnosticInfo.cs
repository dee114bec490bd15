using System.Linq;
using Microsoft.CodeAnalysis;

namespace IblCodegen.Model;

/// <summary>
/// A diagnostic as plain values (descriptor id, message arguments, location), so diagnostics can travel
/// through the incremental pipeline and be compared for equality.
/// </summary>
internal sealed record DiagnosticInfo(string DescriptorId, EquatableArray<string> MessageArgs, LocationInfo Location)
{
    /// <summary>
    /// A diagnostic whose arguments (names and pointers from the spec, often) are shown on one line with invisible
    /// characters escaped, so a build log or an IDE shows what the spec holds rather than what it pretends to.
    /// </summary>
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo location, params string[] messageArgs) =>
        new(descriptor.Id, messageArgs.Select(SpecText.CommentLine).ToEquatableArray(), location);

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(
            Diagnostics.DiagnosticDescriptors.ById(DescriptorId),
            Location.ToLocation(),
            MessageArgs.Cast<object>().ToArray());
}
