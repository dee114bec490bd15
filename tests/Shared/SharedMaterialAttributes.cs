using Xunit;

namespace IblCodegen.Testing;

/// <summary>
/// Tests that read ../shared (the published spec, the public corpus). On a developer's clone without it they are
/// reported as skipped, with the reason and how to get the files. On CI (<c>CI=true</c>) they are never skipped: they
/// run and fail on the missing file, and <see cref="SharedMaterialTests"/> says what is missing, so a CI that lost its
/// material goes red instead of green with fewer tests.
/// </summary>
internal static class SharedMaterial
{
    public const string PublishedSpecHowTo = "Get it with `npm pack @iblai/iblai-api@4.90.4-ai` (see README, 'Test material').";

    public const string CorpusHowTo = "Get it with `npm pack @readme/oas-examples@8.2.2` (folder 3.0/yaml; see README, 'Test material').";

    public static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why a test needing <paramref name="path"/> is skipped; null when it runs.</summary>
    public static string? SkipReason(string path, string howTo) =>
        File.Exists(path) || Directory.Exists(path) || OnCi ? null : $"Skipped: {path} is missing. {howTo}";
}

/// <summary>A test that needs the published ibl spec from ../shared.</summary>
public sealed class PublishedSpecFactAttribute : FactAttribute
{
    public PublishedSpecFactAttribute() => Skip = SharedMaterial.SkipReason(RepoPaths.PublishedSpec, SharedMaterial.PublishedSpecHowTo);
}

/// <summary>A test that needs the public corpus from ../shared.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute() => Skip = SharedMaterial.SkipReason(RepoPaths.Corpus, SharedMaterial.CorpusHowTo);
}

/// <summary>A theory over the public corpus from ../shared.</summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute() => Skip = SharedMaterial.SkipReason(RepoPaths.Corpus, SharedMaterial.CorpusHowTo);
}
