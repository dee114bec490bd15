namespace IblCodegen.Model.Naming;

/// <summary>
/// The names the generated code declares itself, which no name taken from the spec may reuse: decided here once, for
/// the model builder that hands out names and the emitters that write the declarations.
/// </summary>
internal static class ReservedNames
{
    /// <summary>The generic paged envelope every paginated list of a spec uses.</summary>
    public const string PageType = "Page";

    /// <summary>A page's link to its neighbour (URL or page number).</summary>
    public const string PageLinkType = "PageLink";

    /// <summary>Which JSON names a page gives its links.</summary>
    public const string PageLinkStyleType = "PageLinkStyle";

    /// <summary>A value the spec allows as a string or an integer.</summary>
    public const string StringOrIntegerType = "StringOrInteger";

    /// <summary>The members every type inherits from <see cref="object"/>: a member of that name would hide one.</summary>
    public static readonly string[] ObjectMembers = ["Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals"];

    /// <summary>Members of the paged envelope, which a class extending it must not declare again.</summary>
    public static readonly string[] PageMembers = ["Count", "Results", "Next", "Previous", "LinkStyle", "NextLink", "PreviousLink", "NextPageLink", "PreviousPageLink"];

    /// <summary>Members of a generated enum struct.</summary>
    public static readonly string[] EnumMembers = ["Value", "Converter", "IsKnown", .. ObjectMembers];

    /// <summary>The root client's own members (and inherited ones): a tag's property must not take one of these names.</summary>
    public static readonly string[] RootClientMembers =
    [
        "HttpClient", "Json", "SendAsync", "SendOrNoContentAsync", "SendOrNoValueAsync", "ReceiveOptionalAsync", "HasNoBody", "SameOriginLink", "JsonContent", "Escape", "Format", "EnsureSuccessAsync",
        "Query", "Fields", .. ObjectMembers,
    ];

    /// <summary>Members of the spec-info class beside the permission and scheme classes.</summary>
    public const string PermissionsClass = "Permissions";

    public const string SecuritySchemesClass = "SecuritySchemes";
}
