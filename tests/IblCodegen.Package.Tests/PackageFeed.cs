using System.Diagnostics;
using System.Text;

namespace IblCodegen.Package.Tests;

/// <summary>
/// Packs IblCodegen and its templates once, into a folder feed, under a version of this run's own so no package
/// cache can serve an older build. Consumers restore into a packages folder of their own, deleted afterwards.
/// </summary>
public sealed class PackageFeed : IDisposable
{
    public PackageFeed()
    {
        Root = Path.Combine(Path.GetTempPath(), $"iblcodegen-package-tests-{Guid.NewGuid():N}");
        Feed = Path.Combine(Root, "feed");
        Packages = Path.Combine(Root, "packages");
        Directory.CreateDirectory(Feed);
        Version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}";
        foreach (var project in new[] { "src/IblCodegen/IblCodegen.csproj", "src/IblCodegen.Templates/IblCodegen.Templates.csproj" })
        {
            var (exitCode, output) = Dotnet(RepoRoot, "pack", Path.Combine(RepoRoot, project), "-c", "Release", "--disable-build-servers", "-o", Feed, $"-p:Version={Version}");
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack {project} failed:\n{output}");
            }
        }
    }

    public static string RepoRoot => RepoPaths.Root;

    public string Root { get; }

    public string Feed { get; }

    public string Packages { get; }

    public string Version { get; }

    public string PackagePath => Path.Combine(Feed, $"IblCodegen.{Version}.nupkg");

    public string TemplatePackagePath => Path.Combine(Feed, $"IblCodegen.Templates.{Version}.nupkg");

    /// <summary>A new folder for one consumer, with a nuget.config adding this feed to the usual sources.</summary>
    public string NewConsumerFolder(string name)
    {
        var folder = Path.Combine(Root, name);
        Directory.CreateDirectory(folder);
        WriteNuGetConfig(folder);
        return folder;
    }

    public void WriteNuGetConfig(string folder) =>
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="iblcodegen-tests" value="{Feed}" />
              </packageSources>
            </configuration>
            """);

    /// <summary>Builds a consumer, restoring into this run's packages folder.</summary>
    public (int ExitCode, string Output) Build(string folder) =>
        Dotnet(folder, "build", "-c", "Debug", "--disable-build-servers", $"-p:RestorePackagesPath={Packages}", "-p:TreatWarningsAsErrors=true");

    public static (int ExitCode, string Output) Dotnet(string workingDirectory, params string[] arguments) =>
        Run("dotnet", workingDirectory, TimeSpan.FromMinutes(8), arguments);

    public static (int ExitCode, string Output) Run(string fileName, string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        using var process = Process.Start(ConsumerStartInfo(fileName, workingDirectory, arguments))!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in {timeout}:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    /// <summary>A process run for a consumer, its output redirected, in an environment of its own.</summary>
    public static ProcessStartInfo ConsumerStartInfo(string fileName, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // A consumer must not inherit this repository's build settings through the test process.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");
        return start;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file; the temp folder is reclaimed later.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PackageFeedCollection : ICollectionFixture<PackageFeed>
{
    public const string Name = "Package feed";
}
