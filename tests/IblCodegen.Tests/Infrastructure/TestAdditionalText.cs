using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace IblCodegen.Tests.Infrastructure;

/// <summary>An AdditionalFile held in memory.</summary>
internal sealed class TestAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text, System.Text.Encoding.UTF8);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;

    public static TestAdditionalText FromFile(string path) => new(path, File.ReadAllText(path));
}
