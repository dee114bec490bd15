using System.Runtime.CompilerServices;

namespace IblCodegen.Testing;

/// <summary>
/// Where the repository and the shared test material are, found from this source file's own path. One file, linked into
/// every test and benchmark project.
/// </summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string ProjectSpec => Path.Combine(Root, "spec", "ibl-data-manager.yaml");

    public static string Baselines => Path.Combine(Root, "tests", "IblCodegen.Tests", "Baselines");

    /// <summary><c>../shared</c> beside the repository: the published spec and the public corpus (see the README).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string PublishedSpec => Path.Combine(Shared, "specs", "ibl-data-manager-4.90.4-ai-plus.yaml");

    public static string Corpus => Path.Combine(Shared, "specs", "oas-examples-3.0");

    private static string FindRoot([CallerFilePath] string thisFile = "")
    {
        var directory = Path.GetDirectoryName(thisFile);
        while (directory is not null && !File.Exists(Path.Combine(directory, "IblCodegen.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return directory ?? throw new InvalidOperationException($"IblCodegen.sln not found above {thisFile}.");
    }
}
