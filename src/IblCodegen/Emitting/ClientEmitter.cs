using System.Collections.Generic;
using System.Linq;
using IblCodegen.Model;
using IblCodegen.Model.Naming;
using Microsoft.CodeAnalysis.Text;

namespace IblCodegen.Emitting;

/// <summary>
/// Emits the root client of a spec and what every tag client shares: sending a request and reading its answer,
/// building query strings and form bodies, the exception an error status becomes, and the options and DI registration.
/// <code>
/// var client = new IblDataManagerClient(httpClient);
/// var page = await client.Catalog.GetSuggestionsCourseManageGroupAsync("acme");
/// </code>
/// </summary>
internal static class ClientEmitter
{
    private const string Http = "global::System.Net.Http";
    private const string Task = "global::System.Threading.Tasks.Task";
    private const string CancellationToken = "global::System.Threading.CancellationToken";
    private const string Metadata = JsonMetadata.Metadata;
    private const string Invariant = "global::System.Globalization.CultureInfo.InvariantCulture";


    public static SourceText Emit(RootClientOutput model)
    {
        var identity = model.Identity;
        var writer = EmitHelpers.StartFile(identity);
        WriteRootInterface(writer, model);
        writer.WriteLine();
        WriteRootClient(writer, model);
        writer.WriteLine();
        WriteResponseCapture(writer, identity);
        writer.WriteLine();
        WriteException(writer, identity);
        writer.WriteLine();
        WriteProblem(writer, identity);
        writer.WriteLine();
        WriteOptions(writer, model);
        return writer.ToSourceText();
    }

    /// <summary>The DI registration: only emitted where IHttpClientFactory is referenced.</summary>
    public static SourceText EmitServiceCollectionExtensions(RootClientOutput model)
    {
        var identity = model.Identity;
        var writer = EmitHelpers.StartFile(identity);
        var di = "global::Microsoft.Extensions.DependencyInjection";
        writer.WriteLine($"/// <summary>Registers the client of \"{EmitHelpers.EscapeXml(identity.Title)}\" with dependency injection.</summary>");
        writer.WriteLine(EmitHelpers.GeneratedCodeAttribute);
        writer.WriteLine($"public static class {identity.ClientExtensionsTypeName}");
        writer.OpenBlock();
        writer.WriteLine($"/// <summary>");
        writer.WriteLine($"/// Registers <see cref=\"{identity.ClientTypeName}\"/> as a typed client of IHttpClientFactory, and each tag client");
        writer.WriteLine($"/// (<see cref=\"{identity.ClientTypeName}\"/>'s properties) as a transient service; each also as its interface");
        writer.WriteLine($"/// (<see cref=\"{identity.ClientInterfaceName}\"/>, and each tag client's), for code that is tested with fakes.");
        writer.WriteLine($"/// </summary>");
        writer.WriteLine($"/// <param name=\"services\">The service collection.</param>");
        writer.WriteLine($"/// <param name=\"configure\">Sets the base address and the API key.</param>");
        writer.WriteLine($"/// <returns>The client's builder, to add message handlers, resilience or further configuration.</returns>");
        writer.WriteLine($"public static {di}.IHttpClientBuilder Add{identity.ClientTypeName}(");
        writer.WriteLine($"    this {di}.IServiceCollection services,");
        writer.WriteLine($"    global::System.Action<{identity.ClientOptionsTypeName}> configure)");
        writer.OpenBlock();
        writer.WriteLine($"{di}.OptionsServiceCollectionExtensions.Configure(services, configure);");
        writer.WriteLine($"{di}.ServiceCollectionServiceExtensions.AddTransient<{identity.ClientInterfaceName}>(services, static provider => {di}.ServiceProviderServiceExtensions.GetRequiredService<{identity.ClientTypeName}>(provider));");
        foreach (var client in model.Clients)
        {
            writer.WriteLine($"{di}.ServiceCollectionServiceExtensions.AddTransient(services, static provider => {di}.ServiceProviderServiceExtensions.GetRequiredService<{identity.ClientTypeName}>(provider).{client.PropertyName});");
            writer.WriteLine($"{di}.ServiceCollectionServiceExtensions.AddTransient<{client.InterfaceName}>(services, static provider => {di}.ServiceProviderServiceExtensions.GetRequiredService<{identity.ClientTypeName}>(provider).{client.PropertyName});");
        }

        writer.WriteLine($"return {di}.HttpClientFactoryServiceCollectionExtensions.AddHttpClient<{identity.ClientTypeName}>(");
        writer.WriteLine("    services,");
        writer.WriteLine($"    static (provider, httpClient) => {di}.ServiceProviderServiceExtensions");
        writer.WriteLine($"        .GetRequiredService<global::Microsoft.Extensions.Options.IOptions<{identity.ClientOptionsTypeName}>>(provider).Value");
        writer.WriteLine("        .ConfigureHttpClient(httpClient));");
        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToSourceText();
    }

    /// <summary>The root client's interface: a property per tag, each the tag client's interface.</summary>
    private static void WriteRootInterface(SourceWriter writer, RootClientOutput model)
    {
        var identity = model.Identity;
        writer.WriteLine($"/// <summary>The client of \"{EmitHelpers.EscapeXml(identity.Title)}\": one property per tag, each with a method per operation.</summary>");
        writer.WriteLine($"/// <remarks>Implemented by <see cref=\"{identity.ClientTypeName}\"/>; code that calls the service can be tested with a fake of this interface.</remarks>");
        writer.WriteLine(EmitHelpers.GeneratedCodeAttribute);
        writer.WriteLine($"public partial interface {identity.ClientInterfaceName}");
        writer.OpenBlock();
        for (var i = 0; i < model.Clients.Count; i++)
        {
            var client = model.Clients[i];
            if (i > 0)
            {
                writer.WriteLine();
            }

            writer.WriteLine($"/// <summary>The operations tagged <c>{EmitHelpers.EscapeXml(client.Tag)}</c>.</summary>");
            writer.WriteLine($"{client.InterfaceName} {client.PropertyName} {{ get; }}");
        }

        writer.CloseBlock();
    }

    /// <summary>
    /// What a call's answer said besides its body: the capture a caller opens around calls, recording each response's
    /// status and headers on its async flow. Nothing per operation is generated for it, and nothing is copied while
    /// no capture is open.
    /// </summary>
    private static void WriteResponseCapture(SourceWriter writer, SpecIdentity identity)
    {
        var capture = identity.ResponseCaptureTypeName;
        var response = identity.ResponseTypeName;
        writer.WriteLine($$"""
            /// <summary>
            /// Records the status code and headers of the responses to the calls made while it is open, on the async flow that
            /// opened it (calls awaited inside the <c>using</c>), successes and errors alike.
            /// </summary>
            /// <example>
            /// <code>
            /// using var capture = new {{capture}}();
            /// var page = await client.Catalog.GetSuggestionsCourseManageGroupAsync("acme");
            /// var status = capture.Last!.StatusCode;
            /// </code>
            /// </example>
            {{EmitHelpers.GeneratedCodeAttribute}}
            public sealed class {{capture}} : global::System.IDisposable
            {
                private static readonly global::System.Threading.AsyncLocal<{{capture}}?> s_current = new();
                private readonly {{capture}}? _outer;
                private readonly global::System.Collections.Generic.List<{{response}}> _responses = new();
                private bool _disposed;

                /// <summary>Starts recording; a capture opened inside another records in the inner one until it is disposed.</summary>
                public {{capture}}()
                {
                    _outer = s_current.Value;
                    s_current.Value = this;
                }

                /// <summary>The responses recorded so far, in the order they arrived.</summary>
                public global::System.Collections.Generic.IReadOnlyList<{{response}}> Responses
                {
                    get
                    {
                        lock (_responses)
                        {
                            return _responses.ToArray();
                        }
                    }
                }

                /// <summary>The last response recorded; null before any.</summary>
                public {{response}}? Last
                {
                    get
                    {
                        lock (_responses)
                        {
                            return _responses.Count == 0 ? null : _responses[_responses.Count - 1];
                        }
                    }
                }

                /// <summary>Stops recording.</summary>
                public void Dispose()
                {
                    if (!_disposed && ReferenceEquals(s_current.Value, this))
                    {
                        s_current.Value = _outer;
                    }

                    _disposed = true;
                }

                internal static void Record({{Http}}.HttpResponseMessage message, string operationId)
                {
                    if (s_current.Value is not { _disposed: false } capture)
                    {
                        return;
                    }

                    var headers = new global::System.Collections.Generic.Dictionary<string, global::System.Collections.Generic.IReadOnlyList<string>>(global::System.StringComparer.OrdinalIgnoreCase);
                    foreach (var header in message.Headers)
                    {
                        headers[header.Key] = global::System.Linq.Enumerable.ToArray(header.Value);
                    }

                    foreach (var header in message.Content.Headers)
                    {
                        headers[header.Key] = global::System.Linq.Enumerable.ToArray(header.Value);
                    }

                    lock (capture._responses)
                    {
                        capture._responses.Add(new {{response}}(operationId, message.StatusCode, headers));
                    }
                }
            }

            /// <summary>One response a <see cref="{{capture}}"/> recorded.</summary>
            {{EmitHelpers.GeneratedCodeAttribute}}
            public sealed class {{response}}
            {
                internal {{response}}(string operationId, global::System.Net.HttpStatusCode statusCode, global::System.Collections.Generic.IReadOnlyDictionary<string, global::System.Collections.Generic.IReadOnlyList<string>> headers)
                {
                    OperationId = operationId;
                    StatusCode = statusCode;
                    Headers = headers;
                }

                /// <summary>The operation called.</summary>
                public string OperationId { get; }

                /// <summary>The status the service answered with.</summary>
                public global::System.Net.HttpStatusCode StatusCode { get; }

                /// <summary>The response's headers and its content's (<c>Content-Type</c>, <c>Content-Length</c>…), by name, any case.</summary>
                public global::System.Collections.Generic.IReadOnlyDictionary<string, global::System.Collections.Generic.IReadOnlyList<string>> Headers { get; }
            }
            """);
    }

    private static void WriteRootClient(SourceWriter writer, RootClientOutput model)
    {
        var identity = model.Identity;
        var name = identity.ClientTypeName;
        writer.WriteLine("/// <summary>");
        writer.WriteLine($"/// The client of \"{EmitHelpers.EscapeXml(identity.Title)}\" (version: <see cref=\"{identity.SpecInfoTypeName}.Version\"/>): one property per tag, each with a method per operation.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine("/// <remarks>");
        writer.WriteLine("/// Requests go through the given <see cref=\"global::System.Net.Http.HttpClient\"/>: its base address is the service, its");
        writer.WriteLine($"/// default headers carry the credentials (<see cref=\"{identity.ClientOptionsTypeName}.ConfigureHttpClient\"/> sets both).");
        writer.WriteLine($"/// JSON is read and written with <see cref=\"{identity.JsonContextTypeName}\"/>: no reflection.");
        writer.WriteLine("/// </remarks>");
        writer.WriteLine(EmitHelpers.GeneratedCodeAttribute);
        writer.WriteLine($"public partial class {name} : {identity.ClientInterfaceName}");
        writer.OpenBlock();
        writer.WriteLine($"/// <summary>Creates the client over <paramref name=\"httpClient\"/>, whose base address is the service.</summary>");
        writer.WriteLine($"public {name}({Http}.HttpClient httpClient)");
        writer.OpenBlock();
        writer.WriteLine("HttpClient = httpClient ?? throw new global::System.ArgumentNullException(nameof(httpClient));");
        foreach (var client in model.Clients)
        {
            writer.WriteLine($"{client.PropertyName} = new {client.TypeName}(this);");
        }

        writer.CloseBlock();
        foreach (var client in model.Clients)
        {
            writer.WriteLine();
            writer.WriteLine($"/// <summary>The operations tagged <c>{EmitHelpers.EscapeXml(client.Tag)}</c>.</summary>");
            writer.WriteLine($"public {client.TypeName} {client.PropertyName} {{ get; }}");
        }

        foreach (var client in model.Clients)
        {
            writer.WriteLine();
            writer.WriteLine($"{client.InterfaceName} {identity.ClientInterfaceName}.{client.PropertyName} => {client.PropertyName};");
        }

        var page = identity.Qualify(ReservedNames.PageType);
        writer.WriteLine($$"""

            /// <summary>The HTTP client requests go through.</summary>
            public {{Http}}.HttpClient HttpClient { get; }

            /// <summary>The JSON metadata requests and responses are read and written with.</summary>
            internal {{identity.JsonContextTypeName}} Json => {{identity.JsonContextTypeName}}.Default;

            /// <summary>
            /// The page link a service answered with, as the address of the next request, when it leads to the service
            /// itself: a relative link, or an absolute one with the scheme, host and port of the base address and no
            /// user information. Any other link is refused: the client's default headers carry its credentials, and
            /// following a link to another origin (another host or port, or <c>http</c> after <c>https</c>) would hand
            /// them to whoever wrote the link.
            /// </summary>
            /// <exception cref="global::System.InvalidOperationException">The link leads to another origin, or is not a URL.</exception>
            internal global::System.Uri SameOriginLink(string link, string operationId)
            {
                // A link from the root ("/api/…") is relative, though on Unix the Uri class would read it as a file path.
                var isFromRoot = link.StartsWith("/", global::System.StringComparison.Ordinal) && !link.StartsWith("//", global::System.StringComparison.Ordinal);
                if (!(isFromRoot
                        ? global::System.Uri.TryCreate(link, global::System.UriKind.Relative, out var uri)
                        : global::System.Uri.TryCreate(link, global::System.UriKind.Absolute, out uri) || global::System.Uri.TryCreate(link, global::System.UriKind.Relative, out uri)))
                {
                    throw new global::System.InvalidOperationException($"The page link of {operationId} is not a URL.");
                }

                var origin = HttpClient.BaseAddress;
                if (origin is null)
                {
                    // Without a base address there is no origin to keep to: only a relative link (which HttpClient then
                    // refuses, as it refused the first request) gives nothing away.
                    return uri.IsAbsoluteUri ? throw new global::System.InvalidOperationException($"The page link of {operationId} is absolute, and the client has no base address to check it against; it is not followed.") : uri;
                }

                var target = uri.IsAbsoluteUri ? uri : new global::System.Uri(origin, uri);
                if (target.UserInfo.Length > 0
                    || global::System.Uri.Compare(target, origin, global::System.UriComponents.SchemeAndServer, global::System.UriFormat.UriEscaped, global::System.StringComparison.OrdinalIgnoreCase) != 0)
                {
                    throw new global::System.InvalidOperationException(
                        $"The page link of {operationId} leads to '{target.GetComponents(global::System.UriComponents.SchemeAndServer, global::System.UriFormat.UriEscaped)}', away from the client's base address "
                        + $"'{origin.GetComponents(global::System.UriComponents.SchemeAndServer, global::System.UriFormat.UriEscaped)}': it is not followed, so the client's credentials stay with their origin.");
                }

                return target;
            }

            /// <summary>
            /// Every item of a list paged by links, page after page: <paramref name="fetch"/> answers the first page when
            /// given no link, and then the page each <c>next</c> link names, until a page has none.
            /// </summary>
            internal static async global::System.Collections.Generic.IAsyncEnumerable<T> EnumerateLinkedAsync<TPage, T>(
                global::System.Func<string?, {{CancellationToken}}, {{Task}}<TPage>> fetch,
                [global::System.Runtime.CompilerServices.EnumeratorCancellation] {{CancellationToken}} cancellationToken)
                where TPage : {{page}}<T>
            {
                var currentPage = await fetch(null, cancellationToken).ConfigureAwait(false);
                while (true)
                {
                    foreach (var pageItem in currentPage.Results)
                    {
                        yield return pageItem;
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    if (currentPage.Next is not { Length: > 0 } nextLink)
                    {
                        yield break;
                    }

                    currentPage = await fetch(nextLink, cancellationToken).ConfigureAwait(false);
                }
            }

            /// <summary>
            /// Every item of a list paged by number, page after page: <paramref name="fetch"/> answers page 1, and then
            /// each page a page names as next, until a page names none.
            /// </summary>
            internal static async global::System.Collections.Generic.IAsyncEnumerable<T> EnumerateNumberedAsync<TPage, T>(
                global::System.Func<int, {{CancellationToken}}, {{Task}}<TPage>> fetch,
                [global::System.Runtime.CompilerServices.EnumeratorCancellation] {{CancellationToken}} cancellationToken)
                where TPage : {{page}}<T>
            {
                var currentPage = await fetch(1, cancellationToken).ConfigureAwait(false);
                while (true)
                {
                    foreach (var pageItem in currentPage.Results)
                    {
                        yield return pageItem;
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    if (currentPage.Next is null || !int.TryParse(currentPage.Next, global::System.Globalization.NumberStyles.None, {{Invariant}}, out var pageNumber))
                    {
                        yield break;
                    }

                    currentPage = await fetch(pageNumber, cancellationToken).ConfigureAwait(false);
                }
            }

            /// <summary>Sends a request whose successful answer has a JSON body.</summary>
            internal async {{Task}}<T> SendAsync<T>({{Http}}.HttpRequestMessage request, string operationId, {{Metadata}}.JsonTypeInfo<T> responseType, {{CancellationToken}} cancellationToken)
            {
                using (request)
                using (var response = await HttpClient.SendAsync(request, {{Http}}.HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false))
                {
                    await EnsureSuccessAsync(response, operationId, cancellationToken).ConfigureAwait(false);
                    if (response.StatusCode == global::System.Net.HttpStatusCode.NoContent)
                    {
                        throw new {{identity.ApiExceptionTypeName}}(operationId, response.StatusCode, null, "The response has no content; the operation documents a JSON body.");
                    }

                    using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                    return await global::System.Text.Json.JsonSerializer.DeserializeAsync(stream, responseType, cancellationToken).ConfigureAwait(false)
                        ?? throw new {{identity.ApiExceptionTypeName}}(operationId, response.StatusCode, "null", "The response body is null; the operation documents a value.");
                }
            }

            /// <summary>Sends a request whose successful answer may or may not have a JSON body: default when it has none.</summary>
            internal async {{Task}}<T?> SendOrNoContentAsync<T>({{Http}}.HttpRequestMessage request, string operationId, {{Metadata}}.JsonTypeInfo<T> responseType, {{CancellationToken}} cancellationToken) =>
                (await ReceiveOptionalAsync(request, operationId, responseType, cancellationToken).ConfigureAwait(false)).Value;

            /// <summary>
            /// As <see cref="SendOrNoContentAsync"/>, for a body of a value type (<c>JsonElement</c>, a number, an enum):
            /// null when there is none, which <c>default</c> of the type could not say.
            /// </summary>
            internal async {{Task}}<T?> SendOrNoValueAsync<T>({{Http}}.HttpRequestMessage request, string operationId, {{Metadata}}.JsonTypeInfo<T> responseType, {{CancellationToken}} cancellationToken)
                where T : struct
            {
                var (hasBody, value) = await ReceiveOptionalAsync(request, operationId, responseType, cancellationToken).ConfigureAwait(false);
                return hasBody ? value : null;
            }

            /// <summary>The answer to a request whose success may come without a body: whether it had one, and what it held.</summary>
            private async {{Task}}<(bool HasBody, T? Value)> ReceiveOptionalAsync<T>({{Http}}.HttpRequestMessage request, string operationId, {{Metadata}}.JsonTypeInfo<T> responseType, {{CancellationToken}} cancellationToken)
            {
                using (request)
                using (var response = await HttpClient.SendAsync(request, {{Http}}.HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false))
                {
                    await EnsureSuccessAsync(response, operationId, cancellationToken).ConfigureAwait(false);
                    if (HasNoBody(response))
                    {
                        return (false, default);
                    }

                    using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                    return (true, await global::System.Text.Json.JsonSerializer.DeserializeAsync(stream, responseType, cancellationToken).ConfigureAwait(false));
                }
            }

            /// <summary>A success without a body: 204, 205 and 304 never have one, whatever a document declares; an empty one has none.</summary>
            private static bool HasNoBody({{Http}}.HttpResponseMessage response) =>
                response.StatusCode is global::System.Net.HttpStatusCode.NoContent or global::System.Net.HttpStatusCode.ResetContent or global::System.Net.HttpStatusCode.NotModified
                || response.Content.Headers.ContentLength == 0;

            /// <summary>Sends a request whose successful answer carries nothing the client reads.</summary>
            internal async {{Task}} SendAsync({{Http}}.HttpRequestMessage request, string operationId, {{CancellationToken}} cancellationToken)
            {
                using (request)
                using (var response = await HttpClient.SendAsync(request, {{Http}}.HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false))
                {
                    await EnsureSuccessAsync(response, operationId, cancellationToken).ConfigureAwait(false);
                }
            }

            /// <summary>A JSON request body, written with the generated metadata.</summary>
            internal static {{Http}}.HttpContent JsonContent<T>(T value, {{Metadata}}.JsonTypeInfo<T> typeInfo, string contentType)
            {
                var content = new {{Http}}.ByteArrayContent(global::System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
                content.Headers.ContentType = new global::System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
                return content;
            }

            /// <summary>Escapes a path segment.</summary>
            internal static string Escape(string value) => global::System.Uri.EscapeDataString(value);

            internal static string Format(bool value) => value ? "true" : "false";

            internal static string Format(int value) => value.ToString({{Invariant}});

            internal static string Format(long value) => value.ToString({{Invariant}});

            internal static string Format(float value) => value.ToString("R", {{Invariant}});

            internal static string Format(double value) => value.ToString("R", {{Invariant}});

            internal static string Format(decimal value) => value.ToString({{Invariant}});

            internal static string Format(global::System.DateOnly value) => value.ToString("yyyy-MM-dd", {{Invariant}});

            internal static string Format(global::System.DateTimeOffset value) => value.ToString("O", {{Invariant}});

            internal static string Format(global::System.Guid value) => value.ToString("D");

            internal static string Format(string value) => value;

            private static async {{Task}} EnsureSuccessAsync({{Http}}.HttpResponseMessage response, string operationId, {{CancellationToken}} cancellationToken)
            {
                {{identity.ResponseCaptureTypeName}}.Record(response, operationId);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                var content = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw new {{identity.ApiExceptionTypeName}}(operationId, response.StatusCode, content.Length == 0 ? null : content);
            }

            /// <summary>
            /// A path and its query string, written straight into a pooled buffer: null values are left out, arrays are
            /// written as the parameter's style says (repeated, or joined by a separator), text is escaped. Names come
            /// escaped already (they are the spec's, known when the code is generated).
            /// </summary>
            internal ref struct Query
            {
                private global::System.Runtime.CompilerServices.DefaultInterpolatedStringHandler _text;
                private bool _hasQuery;

                public Query(string path)
                {
                    _text = new global::System.Runtime.CompilerServices.DefaultInterpolatedStringHandler(path.Length + 64, 0, {{Invariant}});
                    _text.AppendLiteral(path);
                    _hasQuery = false;
                }

                public void Add(string name, string? value)
                {
                    if (value is not null)
                    {
                        Name(name);
                        _text.AppendLiteral(global::System.Uri.EscapeDataString(value));
                    }
                }

                {{TypedAdds(QueryAdds)}}

                /// <summary>The path with its query string; the buffer goes back to the pool.</summary>
                public string ToUrl() => _text.ToStringAndClear();

                /// <summary>Integers are written straight into the buffer: they need no escaping.</summary>
                private void AddNumber<T>(string name, T? value)
                    where T : struct, global::System.ISpanFormattable
                {
                    if (value is { } v)
                    {
                        Name(name);
                        _text.AppendFormatted(v);
                    }
                }

                private void Name(string name)
                {
                    _text.AppendFormatted(_hasQuery ? '&' : '?');
                    _hasQuery = true;
                    _text.AppendLiteral(name);
                    _text.AppendFormatted('=');
                }
            }

            /// <summary>
            /// The members of a form body: null values are left out, arrays repeat the name, files become file parts
            /// of a multipart body.
            /// </summary>
            internal sealed class Fields
            {
                private readonly global::System.Collections.Generic.List<global::System.Collections.Generic.KeyValuePair<string, string>> _pairs = new();
                private global::System.Collections.Generic.List<(string Name, byte[] Content)>? _files;

                public void Add(string name, string? value)
                {
                    if (value is not null)
                    {
                        _pairs.Add(new(name, value));
                    }
                }

                {{TypedAdds(FieldAdds)}}

                /// <summary>A member written as JSON text: objects and maps in a form.</summary>
                public void AddJson<T>(string name, T? value, {{Metadata}}.JsonTypeInfo<T> typeInfo)
                {
                    if (value is not null)
                    {
                        _pairs.Add(new(name, global::System.Text.Json.JsonSerializer.Serialize(value, typeInfo)));
                    }
                }

                /// <summary>A file part of a multipart body.</summary>
                public void AddFile(string name, byte[]? content)
                {
                    if (content is not null)
                    {
                        (_files ??= new()).Add((name, content));
                    }
                }

                /// <summary>A file part for each item of an array of files, all under the member's name.</summary>
                public void AddFiles(string name, global::System.Collections.Generic.IEnumerable<byte[]>? contents)
                {
                    foreach (var content in contents ?? [])
                    {
                        AddFile(name, content);
                    }
                }

                /// <summary>Every member of a JSON object: strings as they are, other values as JSON text.</summary>
                public void AddMembers<T>(T value, {{Metadata}}.JsonTypeInfo<T> typeInfo)
                {
                    var element = global::System.Text.Json.JsonSerializer.SerializeToElement(value, typeInfo);
                    if (element.ValueKind != global::System.Text.Json.JsonValueKind.Object)
                    {
                        return;
                    }

                    foreach (var member in element.EnumerateObject())
                    {
                        switch (member.Value.ValueKind)
                        {
                            case global::System.Text.Json.JsonValueKind.Null:
                                break;
                            case global::System.Text.Json.JsonValueKind.String:
                                _pairs.Add(new(member.Name, member.Value.GetString()!));
                                break;
                            default:
                                _pairs.Add(new(member.Name, member.Value.GetRawText()));
                                break;
                        }
                    }
                }

                public {{Http}}.HttpContent ToFormContent() => new {{Http}}.FormUrlEncodedContent(_pairs);

                public {{Http}}.HttpContent ToMultipartContent()
                {
                    var content = new {{Http}}.MultipartFormDataContent();
                    foreach (var pair in _pairs)
                    {
                        content.Add(new {{Http}}.StringContent(pair.Value), pair.Key);
                    }

                    foreach (var (name, bytes) in _files ?? [])
                    {
                        content.Add(new {{Http}}.ByteArrayContent(bytes), name, name);
                    }

                    return content;
                }
            }
            """);
        writer.CloseBlock();
    }

    /// <summary>
    /// The value types a query parameter or form member may have, in the order their <c>Add</c> overloads are written,
    /// with how each overload writes its value. The query writes integers straight into its buffer (they need no
    /// escaping); everything else goes through <c>Format</c> to the string overload.
    /// </summary>
    private static readonly (string Type, string Body)[] QueryAdds =
    [
        ("bool", FormatThenAdd), ("int", "AddNumber(name, value)"), ("long", "AddNumber(name, value)"), ("decimal", "AddNumber(name, value)"),
        ("float", FormatThenAdd), ("double", FormatThenAdd), ("global::System.DateOnly", FormatThenAdd),
        ("global::System.DateTimeOffset", FormatThenAdd), ("global::System.Guid", FormatThenAdd),
    ];

    private static readonly (string Type, string Body)[] FieldAdds =
    [
        ("bool", FormatThenAdd), ("int", FormatThenAdd), ("long", FormatThenAdd), ("float", FormatThenAdd), ("double", FormatThenAdd),
        ("decimal", FormatThenAdd), ("global::System.DateOnly", FormatThenAdd), ("global::System.DateTimeOffset", FormatThenAdd),
        ("global::System.Guid", FormatThenAdd),
    ];

    private const string FormatThenAdd = "Add(name, value is { } v ? Format(v) : null)";

    /// <summary>
    /// The typed <c>Add</c> overloads and the array one, which Query and Fields share: each leaves out a null and
    /// hands the rest, as text, to the string overload. Lines after the first carry the class's member indentation.
    /// </summary>
    private static string TypedAdds((string Type, string Body)[] overloads)
    {
        var lines = new List<string>();
        foreach (var (type, body) in overloads)
        {
            lines.Add($"public void Add(string name, {type}? value) => {body};");
            lines.Add(string.Empty);
        }

        lines.AddRange(ArrayAdd.Split('\n'));
        return string.Join("\n", lines.Select((line, i) => i == 0 || line.Length == 0 ? line : "    " + line));
    }

    private const string ArrayAdd = """
        /// <summary>An array: one pair per value when <paramref name="separator"/> is null, else one pair of joined values.</summary>
        public void Add<T>(string name, global::System.Collections.Generic.IEnumerable<T>? values, global::System.Func<T, string> format, string? separator)
        {
            if (values is null)
            {
                return;
            }

            if (separator is null)
            {
                foreach (var value in values)
                {
                    Add(name, format(value));
                }
            }
            else
            {
                Add(name, string.Join(separator, global::System.Linq.Enumerable.Select(values, format)));
            }
        }
        """;

    private static void WriteException(SourceWriter writer, SpecIdentity identity)
    {
        var name = identity.ApiExceptionTypeName;
        writer.WriteLine($$"""
            /// <summary>
            /// The service answered a call with an error status: the operation, the status, the body as it came, and the
            /// problem document when the body is one.
            /// </summary>
            {{EmitHelpers.GeneratedCodeAttribute}}
            public class {{name}} : global::System.Exception
            {
                /// <summary>Creates the exception for an answer with <paramref name="statusCode"/>.</summary>
                public {{name}}(string operationId, global::System.Net.HttpStatusCode statusCode, string? content, string? message = null)
                    : this(operationId, statusCode, content, {{identity.ApiProblemTypeName}}.TryRead(content), message)
                {
                }

                private {{name}}(string operationId, global::System.Net.HttpStatusCode statusCode, string? content, {{identity.ApiProblemTypeName}}? problem, string? message)
                    : base(message is null ? Describe(operationId, statusCode, problem) : $"{operationId}: {message}")
                {
                    OperationId = operationId;
                    StatusCode = statusCode;
                    Content = content;
                    Problem = problem;
                }

                /// <summary>The operationId of the call that failed.</summary>
                public string OperationId { get; }

                /// <summary>The status the service answered with.</summary>
                public global::System.Net.HttpStatusCode StatusCode { get; }

                /// <summary>The response body as text, or null when it was empty.</summary>
                public string? Content { get; }

                /// <summary>The body read as a problem document (RFC 9457), or null when it is not one.</summary>
                public {{identity.ApiProblemTypeName}}? Problem { get; }

                private static string Describe(string operationId, global::System.Net.HttpStatusCode statusCode, {{identity.ApiProblemTypeName}}? problem)
                {
                    var status = $"{operationId} failed with {(int)statusCode} {statusCode}";
                    return problem is null ? status + "."
                        : problem.Detail is null ? $"{status}: {problem.Title}."
                        : $"{status}: {problem.Title}: {problem.Detail}";
                }
            }
            """);
    }

    private static void WriteProblem(SourceWriter writer, SpecIdentity identity)
    {
        var name = identity.ApiProblemTypeName;
        writer.WriteLine($$"""
            /// <summary>A problem document (RFC 9457), as the service answers errors with.</summary>
            {{EmitHelpers.GeneratedCodeAttribute}}
            public sealed class {{name}}
            {
                /// <summary>A URI naming the kind of problem.</summary>
                public string? Type { get; init; }

                /// <summary>A short summary of the kind of problem.</summary>
                public string? Title { get; init; }

                /// <summary>The HTTP status, as the body states it.</summary>
                public int? Status { get; init; }

                /// <summary>What went wrong with this request.</summary>
                public string? Detail { get; init; }

                /// <summary>A URI naming this occurrence.</summary>
                public string? Instance { get; init; }

                /// <summary>Validation errors by parameter or member name, when the body lists them.</summary>
                public global::System.Collections.Generic.IReadOnlyDictionary<string, global::System.Collections.Generic.IReadOnlyList<string>>? Errors { get; init; }

                /// <summary>Reads a problem document; null when <paramref name="content"/> is not a JSON object with a title, detail or status.</summary>
                public static {{name}}? TryRead(string? content)
                {
                    if (string.IsNullOrWhiteSpace(content) || content!.TrimStart()[0] != '{')
                    {
                        return null;
                    }

                    try
                    {
                        using var document = global::System.Text.Json.JsonDocument.Parse(content);
                        var root = document.RootElement;
                        var problem = new {{name}}
                        {
                            Type = Text(root, "type"),
                            Title = Text(root, "title"),
                            Status = root.TryGetProperty("status", out var status) && status.ValueKind == global::System.Text.Json.JsonValueKind.Number && status.TryGetInt32(out var code) ? code : null,
                            Detail = Text(root, "detail"),
                            Instance = Text(root, "instance"),
                            Errors = ReadErrors(root),
                        };
                        return problem.Title is null && problem.Detail is null && problem.Status is null ? null : problem;
                    }
                    catch (global::System.Text.Json.JsonException)
                    {
                        return null;
                    }
                }

                private static string? Text(global::System.Text.Json.JsonElement root, string name) =>
                    root.TryGetProperty(name, out var value) && value.ValueKind == global::System.Text.Json.JsonValueKind.String ? value.GetString() : null;

                private static global::System.Collections.Generic.IReadOnlyDictionary<string, global::System.Collections.Generic.IReadOnlyList<string>>? ReadErrors(global::System.Text.Json.JsonElement root)
                {
                    if (!root.TryGetProperty("errors", out var errors) || errors.ValueKind != global::System.Text.Json.JsonValueKind.Object)
                    {
                        return null;
                    }

                    var result = new global::System.Collections.Generic.Dictionary<string, global::System.Collections.Generic.IReadOnlyList<string>>();
                    foreach (var member in errors.EnumerateObject())
                    {
                        var messages = new global::System.Collections.Generic.List<string>();
                        if (member.Value.ValueKind == global::System.Text.Json.JsonValueKind.Array)
                        {
                            foreach (var item in member.Value.EnumerateArray())
                            {
                                messages.Add(item.ValueKind == global::System.Text.Json.JsonValueKind.String ? item.GetString()! : item.GetRawText());
                            }
                        }
                        else
                        {
                            messages.Add(member.Value.ValueKind == global::System.Text.Json.JsonValueKind.String ? member.Value.GetString()! : member.Value.GetRawText());
                        }

                        result[member.Name] = messages;
                    }

                    return result;
                }
            }
            """);
    }

    private static void WriteOptions(SourceWriter writer, RootClientOutput model)
    {
        var identity = model.Identity;
        var scheme = model.KeyScheme;
        var header = scheme?.ParameterName ?? "Authorization";
        var word = scheme?.KeyPrefix;
        var source = scheme is null ? "none is declared" : $"from the security scheme <c>{EmitHelpers.EscapeXml(scheme.Name)}</c>";
        writer.WriteLine($$"""
            /// <summary>Where the service is and how to authenticate: what <c>Add{{identity.ClientTypeName}}</c> and <see cref="ConfigureHttpClient"/> apply.</summary>
            {{EmitHelpers.GeneratedCodeAttribute}}
            public sealed class {{identity.ClientOptionsTypeName}}
            {
                /// <summary>The service's address; a path is kept (a trailing slash is added).</summary>
                public global::System.Uri? BaseAddress { get; set; }

                /// <summary>The API key, or null to send none.</summary>
                public string? ApiKey { get; set; }

                /// <summary>The header the key is sent in ({{source}}).</summary>
                public string ApiKeyHeaderName { get; set; } = {{EmitHelpers.Literal(header)}};

                /// <summary>The word sent before the key, as in <c>Api-Key &lt;key&gt;</c>; null sends the key alone.</summary>
                public string? ApiKeyScheme { get; set; } = {{(word is null ? "null" : EmitHelpers.Literal(word))}};

                /// <summary>Sets <paramref name="httpClient"/>'s base address and default headers from these options.</summary>
                public void ConfigureHttpClient(global::System.Net.Http.HttpClient httpClient)
                {
                    if (BaseAddress is not null)
                    {
                        var address = BaseAddress.OriginalString;
                        httpClient.BaseAddress = address.EndsWith("/", global::System.StringComparison.Ordinal) ? BaseAddress : new global::System.Uri(address + "/", global::System.UriKind.RelativeOrAbsolute);
                    }

                    if (!string.IsNullOrEmpty(ApiKey))
                    {
                        httpClient.DefaultRequestHeaders.Remove(ApiKeyHeaderName);
                        httpClient.DefaultRequestHeaders.TryAddWithoutValidation(ApiKeyHeaderName, string.IsNullOrEmpty(ApiKeyScheme) ? ApiKey : ApiKeyScheme + " " + ApiKey);
                    }
                }
            }
            """);
    }
}
