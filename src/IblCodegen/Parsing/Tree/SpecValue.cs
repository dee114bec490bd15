using System.Text.Json;

namespace IblCodegen.Parsing.Tree;

/// <summary>A string, number or boolean. A number keeps the JSON text it was written as (<c>1.50</c> stays <c>1.50</c>).</summary>
internal sealed class SpecValue : SpecNode
{
    private readonly JsonValueKind _kind;

    private SpecValue(JsonValueKind kind, string text)
    {
        _kind = kind;
        Text = text;
    }

    /// <summary>The string itself; for a number, its JSON text; for a boolean, <c>true</c> or <c>false</c>.</summary>
    public string Text { get; }

    public static SpecValue String(string text) => new(JsonValueKind.String, text);

    /// <summary>A number, from text that is a valid JSON number.</summary>
    public static SpecValue Number(string jsonText) => new(JsonValueKind.Number, jsonText);

    public static SpecValue Boolean(bool value) => new(value ? JsonValueKind.True : JsonValueKind.False, value ? "true" : "false");

    public override JsonValueKind GetValueKind() => _kind;

    public override SpecNode DeepClone() => new SpecValue(_kind, Text);

    /// <summary>The text, as <see cref="Text"/>: what System.Text.Json's <c>JsonValue.ToString()</c> gives too.</summary>
    public override string ToString() => Text;
}
