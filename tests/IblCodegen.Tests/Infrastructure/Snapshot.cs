using System.Text;
using System.Text.RegularExpressions;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace IblCodegen.Tests.Infrastructure;

/// <summary>
/// Approved baseline files, compared line by line. Set IBLCODEGEN_UPDATE_BASELINES=1 to rewrite them after an
/// intended change, then review the diff in git. CI never sets it, so a changed output fails there.
/// </summary>
internal static partial class Snapshot
{
    public const string UpdateVariable = "IBLCODEGEN_UPDATE_BASELINES";

    private static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>Compares a folder of generated files (hint name → text) with the baseline folder of that name.</summary>
    public static void MatchFolder(string folder, IReadOnlyDictionary<string, string> files)
    {
        var directory = Path.Combine(RepoPaths.Baselines, folder);
        if (Updating)
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            Directory.CreateDirectory(directory);
            foreach (var (name, text) in files)
            {
                File.WriteAllText(Path.Combine(directory, name + ".txt"), Scrub(text));
            }

            return;
        }

        var expectedNames = Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.txt").Select(f => Path.GetFileNameWithoutExtension(f)).OrderBy(n => n, StringComparer.Ordinal).ToList()
            : [];
        var actualNames = files.Keys.OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.True(
            expectedNames.SequenceEqual(actualNames),
            $"Generated files differ from {directory}.\nOnly in baselines: {string.Join(", ", expectedNames.Except(actualNames))}\n" +
            $"Only generated: {string.Join(", ", actualNames.Except(expectedNames))}\nRun with {UpdateVariable}=1 to accept.");

        var failures = new StringBuilder();
        foreach (var (name, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var expected = File.ReadAllText(Path.Combine(directory, name + ".txt"));
            var diff = Diff(expected, Scrub(text));
            if (diff is not null)
            {
                failures.AppendLine($"--- {folder}/{name}").AppendLine(diff);
            }
        }

        Assert.True(failures.Length == 0, $"Generated code differs from the baselines (run with {UpdateVariable}=1 to accept):\n{failures}");
    }

    /// <summary>The generator version changes with every release; baselines should not.</summary>
    public static string Scrub(string text) => VersionPattern().Replace(text, "GeneratedCode(\"IblCodegen\", \"VERSION\")");

    private static string? Diff(string expected, string actual)
    {
        if (expected == actual)
        {
            return null;
        }

        var model = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false);
        var lines = new StringBuilder();
        var shown = 0;
        for (var i = 0; i < model.Lines.Count && shown < 40; i++)
        {
            var line = model.Lines[i];
            if (line.Type is ChangeType.Inserted or ChangeType.Deleted)
            {
                lines.AppendLine($"{(line.Type == ChangeType.Inserted ? "+" : "-")}{line.Position,5}: {line.Text}");
                shown++;
            }
        }

        return lines.Length == 0 ? "(line endings or trailing whitespace differ)" : lines.ToString();
    }

    [GeneratedRegex("GeneratedCode\\(\"IblCodegen\", \"[^\"]*\"\\)")]
    private static partial Regex VersionPattern();
}
