namespace IblCodegen.Model;

/// <summary>Fully qualified names of the framework types generated code uses, so no output depends on usings.</summary>
internal static class KnownTypes
{
    public const string String = "string";
    public const string Bool = "bool";
    public const string Int = "int";
    public const string Long = "long";
    public const string Float = "float";
    public const string Double = "double";
    public const string Decimal = "decimal";
    public const string ByteArray = "byte[]";
    public const string DateOnly = "global::System.DateOnly";
    public const string DateTimeOffset = "global::System.DateTimeOffset";
    public const string TimeSpan = "global::System.TimeSpan";
    public const string Guid = "global::System.Guid";
    public const string JsonElement = "global::System.Text.Json.JsonElement";

    public static string ReadOnlyList(string item) => $"global::System.Collections.Generic.IReadOnlyList<{item}>";

    public static string ReadOnlyDictionary(string value) => $"global::System.Collections.Generic.IReadOnlyDictionary<string, {value}>";
}
