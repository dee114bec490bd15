using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IblCodegen.Tests.Infrastructure;

/// <summary>
/// Analyzer options as MSBuild would pass them: the spec files carry <c>build_metadata.AdditionalFiles.IblCodegenSpec = true</c>,
/// plus any other metadata a test sets.
/// </summary>
internal sealed class TestOptionsProvider(IReadOnlyDictionary<string, Dictionary<string, string>> metadataByPath) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(new Dictionary<string, string>());

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new Dictionary<string, string>());

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        new Options(metadataByPath.TryGetValue(textFile.Path, out var metadata) ? metadata : new Dictionary<string, string>());

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
