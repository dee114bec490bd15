using IblCodegen.Parsing.Tree;

namespace IblCodegen.Tests.Infrastructure;

/// <summary>Compares two spec trees, for the reader tests (the generator itself never needs to).</summary>
internal static class SpecTrees
{
    /// <summary>Same structure, keys in the same order, same scalar kinds and text.</summary>
    public static bool Equal(SpecNode? left, SpecNode? right)
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
                    if (!Equal(array[i], otherArray[i]))
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
                    if (obj.KeyAt(i) != otherObject.KeyAt(i) || !Equal(obj.ValueAt(i), otherObject.ValueAt(i)))
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
