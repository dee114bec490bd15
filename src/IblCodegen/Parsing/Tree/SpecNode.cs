using System.Text.Json;

namespace IblCodegen.Parsing.Tree;

/// <summary>
/// A node of the spec as read from its YAML or JSON text: a <see cref="SpecObject"/>, a <see cref="SpecArray"/> or a
/// <see cref="SpecValue"/>. JSON null is a C# null, as in System.Text.Json's node tree.
/// </summary>
/// <remarks>
/// The generator used System.Text.Json's <c>JsonNode</c> for this. A tree of its own is smaller (no parent links,
/// no per-object dictionary, arrays sized once) and carries what the generator needs: where each node starts in
/// the text, for diagnostics, and the schema view of an object, which would otherwise be looked up by identity.
/// The tree's content is read once and not changed afterwards: the reader notes each node's offset as it builds it,
/// and an object's schema view is a memo made on first use, not content.
/// </remarks>
internal abstract class SpecNode
{
    private protected SpecNode()
    {
    }

    /// <summary>
    /// Where the node starts in the text it was read from (a character offset), or -1 when that was not noted.
    /// Set by the reader, once it knows the node; <see cref="JsonPointerLocator"/> reads it for diagnostics.
    /// </summary>
    public int Offset { get; set; } = -1;

    public abstract JsonValueKind GetValueKind();

    /// <summary>The node as compact JSON, escaped as System.Text.Json writes it.</summary>
    public string ToJsonString() => SpecTreeJson.Write(this);

    /// <summary>A copy of the node and everything under it; the copies have no offsets.</summary>
    public abstract SpecNode DeepClone();
}
