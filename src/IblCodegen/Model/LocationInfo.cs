using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace IblCodegen.Model;

/// <summary>
/// Where something is in a spec file, as plain values: a Roslyn <see cref="Location"/> is built from it only when a
/// diagnostic is reported, so the model never holds one.
/// </summary>
/// <param name="Start">The character offset in the file, where known (0 and a zero <paramref name="Length"/> where not).</param>
internal sealed record LocationInfo(string FilePath, int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    /// <summary>The file as a whole, for problems that have no better position.</summary>
    public static LocationInfo File(string filePath) => new(filePath, 0, 0, 0, 0, 0, 0);

    /// <summary>A point in the file whose character offset is not known (only its line and column).</summary>
    public static LocationInfo Point(string filePath, int line, int column) => new(filePath, 0, 0, line, column, line, column);

    public Location ToLocation() =>
        Location.Create(
            FilePath,
            new TextSpan(Start, Length),
            new LinePositionSpan(new LinePosition(StartLine, StartColumn), new LinePosition(EndLine, EndColumn)));
}
