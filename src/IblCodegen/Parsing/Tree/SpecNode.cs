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
/// The tree is read once and not changed afterwards.
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
    public string ToJsonString() => SpecJson.Write(this);

    /// <summary>A copy of the node and everything under it; the copies have no offsets.</summary>
    public abstract SpecNode DeepClone();

    /// <summary>Same structure, keys in the same order, same scalar kinds and text.</summary>
    public static bool DeepEquals(SpecNode? left, SpecNode? right)
    {
        switch (left)
        {
            case null:
                return right is null;
            case SpecValue value:
                return right is SpecValue other && value.GetValueKind() == other.GetValueKind() && value.Text == other.Text;
            case SpecArray array:
                if (right is not SpecArray otherArray || array.Count != otherArray.Count)
                {
                    return false;
                }

                for (var i = 0; i < array.Count; i++)
                {
                    if (!DeepEquals(array[i], otherArray[i]))
                    {
                        return false;
                    }
                }

                return true;
            case SpecObject obj:
                if (right is not SpecObject otherObject || obj.Count != otherObject.Count)
                {
                    return false;
                }

                for (var i = 0; i < obj.Count; i++)
                {
                    if (obj.KeyAt(i) != otherObject.KeyAt(i) || !DeepEquals(obj.ValueAt(i), otherObject.ValueAt(i)))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }
}
