namespace IblCodegen.Parsing;

/// <summary>Builds JSON pointers (RFC 6901) for the places the generator walks, so diagnostics can name them.</summary>
internal static class JsonPointer
{
    public static string Append(string pointer, string segment) =>
        pointer + "/" + segment.Replace("~", "~0").Replace("/", "~1");

    public static string Append(string pointer, int index) =>
        pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
