using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace IblCodegen.Model;

/// <summary>
/// Where something is in a spec file, as plain values: a Roslyn <see cref="Location"/> is built from it only when a
/// diagnostic is reported, so the model never holds one.
/// </summary>
internal sealed record LocationInfo(string FilePath, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    /// <summary>The file as a whole, for problems that have no better position.</summary>
    public static LocationInfo File(string filePath) => new(filePath, 0, 0, 0, 0);

    public Location ToLocation() =>
        Location.Create(
            FilePath,
            default(TextSpan),
            new LinePositionSpan(new LinePosition(StartLine, StartColumn), new LinePosition(EndLine, EndColumn)));
}
