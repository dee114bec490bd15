using IblCodegen.Tests.Infrastructure;

namespace IblCodegen.Tests;

/// <summary>On CI the shared test material must be there: its absence fails the run, with what to fetch.</summary>
public sealed class SharedMaterialTests
{
    [Fact]
    public void On_CI_the_published_spec_and_the_corpus_are_present()
    {
        if (!SharedMaterial.OnCi)
        {
            // Off CI, each test that needs the material reports itself as skipped, with the reason.
            return;
        }

        Assert.True(File.Exists(RepoPaths.PublishedSpec), $"CI=true, but {RepoPaths.PublishedSpec} is missing. {SharedMaterial.PublishedSpecHowTo}");
        Assert.True(Directory.Exists(RepoPaths.Corpus), $"CI=true, but {RepoPaths.Corpus} is missing. {SharedMaterial.CorpusHowTo}");
    }
}
