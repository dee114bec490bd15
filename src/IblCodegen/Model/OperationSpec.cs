namespace IblCodegen.Model;

/// <summary>One operation of the spec: what the server stubs and the client need to know about it.</summary>
/// <param name="Name">A readable, unique PascalCase name: "GetSuggestionsCourseManageGroup".</param>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Path">The path template as the spec writes it, e.g. <c>/api/audience/orgs/{org}/active-users/over-time</c>.</param>
/// <param name="Tags">
/// Every tag the operation names, in the spec's order and without repeats; <c>default</c> alone when it names none. A
/// selection by tag matches any of them; the client that holds the operation is the first's (<see cref="Tag"/>).
/// </param>
/// <param name="Parameters">
/// In the order handlers and client methods take them, whatever the spec's listing order: path parameters in template
/// order, then the required ones by name, then the optional ones by name.
/// </param>
/// <param name="Permissions">From <c>x-ibl-permissions</c>, or the description's "Requires A, B, or C permission" sentence.</param>
/// <param name="SecuritySchemes">The schemes that may authenticate a call; empty when the operation is anonymous.</param>
/// <param name="CredentialsOptional">
/// The spec's security lists an empty requirement (<c>{}</c>) beside the schemes: a caller may also come without
/// credentials. Credentials that do come must still be valid.
/// </param>
internal sealed record OperationSpec(
    string OperationId,
    string Name,
    string Method,
    string Path,
    EquatableArray<string> Tags,
    string? Summary,
    string? Description,
    EquatableArray<ParameterSpec> Parameters,
    RequestBodySpec? Body,
    EquatableArray<ResponseSpec> Responses,
    EquatableArray<string> Permissions,
    EquatableArray<string> SecuritySchemes,
    bool CredentialsOptional,
    bool IsDeprecated,
    string Pointer)
{
    /// <summary>The tag whose client holds the operation: the first it names.</summary>
    public string Tag => Tags[0];

    /// <summary>Anyone may call it and no credentials are checked: it needs no permission and the spec no scheme.</summary>
    public bool IsOpen => Permissions.Count == 0 && SecuritySchemes.Count == 0;

    /// <summary>Anyone may call it, but credentials that come must be valid: no permission, and <see cref="CredentialsOptional"/>.</summary>
    public bool TakesOptionalCredentials => Permissions.Count == 0 && SecuritySchemes.Count > 0 && CredentialsOptional;

    /// <summary>The partial method a service implements for this operation.</summary>
    public string HandlerName => Name + "Async";

    /// <summary>The tag client's method that calls this operation.</summary>
    public string ClientMethodName => Name + "Async";
}

/// <summary>Where a parameter travels.</summary>
internal enum ParameterLocation
{
    Path,
    Query,
    Header,
    Cookie,
}

/// <summary>How a parameter's text is turned into a value.</summary>
internal enum ValueKind
{
    String,
    Int32,
    Int64,
    Double,
    Float,
    Decimal,
    Boolean,
    Date,
    DateTime,
    Guid,

    /// <summary>A generated string-enum struct; the spec's values are checked.</summary>
    Enum,
}

/// <summary>One parameter of an operation.</summary>
/// <param name="Name">The name in the request, as the spec spells it (<c>platform_key</c>).</param>
/// <param name="Identifier">The C# parameter name (<c>platformKey</c>).</param>
/// <param name="ValueType">The C# type of one value, not nullable.</param>
/// <param name="IsArray">Several values (<c>?tag=a&amp;tag=b</c>), passed as a read-only list.</param>
/// <param name="DefaultValue">
/// The spec's default, applied when the request leaves the parameter out: a value of <paramref name="Kind"/> as
/// invariant text (<c>true</c>, <c>20</c>, <c>0.5</c>, the string itself).
/// </param>
/// <param name="AllowedValues">For enums, the values the spec lists.</param>
/// <param name="ArraySeparator">
/// How a client writes an array: null repeats the name for each value (<c>?tag=a&amp;tag=b</c>, the default "form"
/// style); otherwise the values are joined by this separator (<c>,</c> for unexploded form and simple, a space for
/// spaceDelimited, <c>|</c> for pipeDelimited).
/// </param>
internal sealed record ParameterSpec(
    string Name,
    string Identifier,
    ParameterLocation Location,
    TypeRef ValueType,
    ValueKind Kind,
    bool IsArray,
    bool IsRequired,
    string? DefaultValue,
    int? MinLength,
    EquatableArray<string> AllowedValues,
    string? Summary,
    string? ArraySeparator = null)
{
    /// <summary>The value is always there for the handler: required, or filled from the default.</summary>
    public bool IsAlwaysPresent => IsRequired || DefaultValue is not null;

    /// <summary>The C# type the handler receives.</summary>
    public TypeRef Type => (IsArray ? TypeRef.List(ValueType) : ValueType).AsNullable(!IsAlwaysPresent);
}

/// <summary>How a request body is sent.</summary>
internal enum BodyKind
{
    Json,

    /// <summary><c>application/x-www-form-urlencoded</c>.</summary>
    Form,

    /// <summary><c>multipart/form-data</c>: byte-array members travel as file parts.</summary>
    Multipart,
}

/// <summary>The request body of an operation.</summary>
internal sealed record RequestBodySpec(TypeRef Type, string ContentType, BodyKind Kind, bool IsRequired);

/// <summary>One documented response.</summary>
/// <param name="Type">The body's C# type, or null for a response without a JSON body.</param>
/// <param name="PageLinkStyle">For a paged body, the link names the spec gives this response.</param>
internal sealed record ResponseSpec(int StatusCode, TypeRef? Type, string? ContentType, string? Description, PageLinkStyle? PageLinkStyle)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}

/// <summary>A security scheme of <c>components.securitySchemes</c>.</summary>
/// <param name="Kind">apiKey, http, oauth2 or openIdConnect.</param>
/// <param name="In">For apiKey: header, query or cookie.</param>
/// <param name="ParameterName">For apiKey: the header, query or cookie name.</param>
/// <param name="KeyPrefix">
/// For apiKey: the word a key is sent after, as the description shows it ("Api-Key" in "Example: Api-Key &lt;your-key&gt;"), or null.
/// </param>
internal sealed record SecuritySchemeSpec(string Name, string Kind, string? In, string? ParameterName, string? Scheme, string? Description, string? KeyPrefix);

/// <summary>The client of one tag's operations, reachable from the root client through <see cref="PropertyName"/>.</summary>
/// <param name="Tag">The tag as the spec spells it.</param>
/// <param name="TypeName">The class: "CatalogClient" for the tag "catalog".</param>
/// <param name="InterfaceName">Its interface: "ICatalogClient".</param>
/// <param name="PropertyName">The root client's property: "Catalog".</param>
internal sealed record TagClientSpec(string Tag, string TypeName, string InterfaceName, string PropertyName, string? Description);
