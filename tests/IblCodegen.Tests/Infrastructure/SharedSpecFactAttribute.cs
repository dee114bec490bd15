namespace IblCodegen.Tests.Infrastructure;

/// <summary>
/// A test that needs the published ibl spec from ../shared. On a clone without it the test is reported as
/// skipped, with the reason and how to get the file, instead of failing or passing silently.
/// </summary>
public sealed class PublishedSpecFactAttribute : FactAttribute
{
    public PublishedSpecFactAttribute()
    {
        if (!File.Exists(RepoPaths.PublishedSpec))
        {
            Skip = $"Skipped: {RepoPaths.PublishedSpec} is missing. Get it with `npm pack @iblai/iblai-api@4.90.4-ai` (see README, 'Test material').";
        }
    }
}
