using System;
using IblCodegen.Parsing.Tree;

namespace IblCodegen.Parsing;

/// <summary>Builds JSON pointers (RFC 6901) for the places the generator walks, so diagnostics can name them.</summary>
internal static class JsonPointer
{
    public static string Append(string pointer, string segment) =>
        pointer + "/" + segment.Replace("~", "~0").Replace("/", "~1");

    /// <summary>One segment of a pointer as the key it names: URI escapes undone, then <c>~1</c> is '/' and <c>~0</c> is '~' (RFC 6901).</summary>
    public static string Unescape(string segment) => Uri.UnescapeDataString(segment).Replace("~1", "/").Replace("~0", "~");

    public static string Append(string pointer, int index) =>
        pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One step down a pointer: a member of an object or an item of an array (segment already unescaped), or null.</summary>
    public static SpecNode? Child(SpecNode? node, string segment) => node switch
    {
        SpecObject obj => obj.TryGetPropertyValue(segment, out var child) ? child : null,
        SpecArray array when int.TryParse(segment, out var index) && index >= 0 && index < array.Count => array[index],
        _ => null,
    };
}
