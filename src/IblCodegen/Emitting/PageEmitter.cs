using IblCodegen.Model;
using Microsoft.CodeAnalysis.Text;

namespace IblCodegen.Emitting;

/// <summary>
/// Emits the one generic envelope every paginated list of the spec shares, <c>Page&lt;T&gt;</c>, with its link
/// helpers. The spec names the links two ways (<c>next</c>/<c>previous</c> and <c>next_page</c>/<c>previous_page</c>,
/// as URLs or page numbers): a page remembers which it was read with and writes the same back, so one type serves
/// both without losing a key or turning a null into a missing member.
/// </summary>
internal static class PageEmitter
{
    public static string Describe(PageLinkStyle style) => style switch
    {
        PageLinkStyle.NextPrevious => "<c>next</c> and <c>previous</c>",
        PageLinkStyle.NextPagePreviousPage => "<c>next_page</c> and <c>previous_page</c>",
        _ => "<c>next_page</c> and <c>previous_page</c>, as page numbers",
    };

    public static SourceText Emit(SpecIdentity identity)
    {
        var writer = EmitHelpers.StartFile(identity);
        var generatedCode = EmitHelpers.GeneratedCodeAttribute;
        writer.WriteLine($$"""
            /// <summary>The JSON names a paginated list gives the links to its neighbouring pages.</summary>
            {{generatedCode}}
            public enum PageLinkStyle
            {
                /// <summary><c>next</c> and <c>previous</c>, as URLs.</summary>
                NextPrevious,

                /// <summary><c>next_page</c> and <c>previous_page</c>, as URLs.</summary>
                NextPagePreviousPage,

                /// <summary><c>next_page</c> and <c>previous_page</c>, as page numbers.</summary>
                NextPagePreviousPageNumbers,
            }

            /// <summary>
            /// One page of a paginated list: the total count, the links to the neighbouring pages, and this page's items.
            /// Every paginated list of the spec is a <see cref="Page{T}"/>; lists with more fields extend it.
            /// </summary>
            /// <typeparam name="T">The type of the items.</typeparam>
            {{generatedCode}}
            public partial class Page<T>
            {
                private string? _next;
                private string? _previous;

                /// <summary>The required members a JSON read has set, a bit each; checked when the read of the page ends.</summary>
                internal ulong {{JsonMetadata.RequiredMembersField}};

                /// <summary>The number of items in the whole list, across all pages.</summary>
                [global::System.Text.Json.Serialization.JsonPropertyName("count")]
                public required int Count { get; set; }

                /// <summary>The items of this page.</summary>
                [global::System.Text.Json.Serialization.JsonPropertyName("results")]
                public required global::System.Collections.Generic.IReadOnlyList<T> Results { get; set; }

                /// <summary>The next page (a URL, or a page number for lists that link by number), or null on the last page.</summary>
                [global::System.Text.Json.Serialization.JsonIgnore]
                public string? Next { get => _next; set => _next = value; }

                /// <summary>The previous page (a URL, or a page number for lists that link by number), or null on the first page.</summary>
                [global::System.Text.Json.Serialization.JsonIgnore]
                public string? Previous { get => _previous; set => _previous = value; }

                /// <summary>
                /// The JSON names of the links: set when a page is read. Generated endpoints set it to what the spec
                /// names the links of their response, whatever the handler chose.
                /// </summary>
                [global::System.Text.Json.Serialization.JsonIgnore]
                public PageLinkStyle LinkStyle { get; set; }

                {{LinkProperty("next", "NextLink", "_next", "LinkStyle == PageLinkStyle.NextPrevious ? PageLink.Of(_next, isNumber: false) : default", setsStyle: false)}}

                {{LinkProperty("previous", "PreviousLink", "_previous", "LinkStyle == PageLinkStyle.NextPrevious ? PageLink.Of(_previous, isNumber: false) : default", setsStyle: false)}}

                {{LinkProperty("next_page", "NextPageLink", "_next", "LinkStyle != PageLinkStyle.NextPrevious ? PageLink.Of(_next, LinkStyle == PageLinkStyle.NextPagePreviousPageNumbers) : default", setsStyle: true)}}

                {{LinkProperty("previous_page", "PreviousPageLink", "_previous", "LinkStyle != PageLinkStyle.NextPrevious ? PageLink.Of(_previous, LinkStyle == PageLinkStyle.NextPagePreviousPageNumbers) : default", setsStyle: true)}}

                /// <summary>
                /// A <c>next_page</c>/<c>previous_page</c> link read: either one being a number (the other may be null)
                /// makes the page link by number.
                /// </summary>
                private PageLinkStyle PageStyleOf(PageLink link) =>
                    link.IsNumber || LinkStyle == PageLinkStyle.NextPagePreviousPageNumbers
                        ? PageLinkStyle.NextPagePreviousPageNumbers
                        : PageLinkStyle.NextPagePreviousPage;
            }

            /// <summary>
            /// A page link as it stands in JSON: absent (the default, never written), null, a URL, or a page number.
            /// </summary>
            [global::System.Text.Json.Serialization.JsonConverter(typeof(PageLink.Converter))]
            {{generatedCode}}
            internal readonly struct PageLink : global::System.IEquatable<PageLink>
            {
                private PageLink(string? text, bool isNumber)
                {
                    IsPresent = true;
                    Text = text;
                    IsNumber = isNumber && text is not null;
                }

                /// <summary>Whether the member appears in JSON at all.</summary>
                public bool IsPresent { get; }

                /// <summary>The URL or page number, or null.</summary>
                public string? Text { get; }

                /// <summary>Whether the link is a JSON number rather than a string.</summary>
                public bool IsNumber { get; }

                public static PageLink Of(string? text, bool isNumber) => new(text, isNumber);

                public bool Equals(PageLink other) =>
                    IsPresent == other.IsPresent && IsNumber == other.IsNumber && string.Equals(Text, other.Text, global::System.StringComparison.Ordinal);

                public override bool Equals(object? obj) => obj is PageLink other && Equals(other);

                public override int GetHashCode() => Text is null ? IsPresent.GetHashCode() : global::System.StringComparer.Ordinal.GetHashCode(Text);

                internal sealed class Converter : global::System.Text.Json.Serialization.JsonConverter<PageLink>
                {
                    public override bool HandleNull => true;

                    public override PageLink Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Type typeToConvert, global::System.Text.Json.JsonSerializerOptions options) =>
                        reader.TokenType switch
                        {
                            global::System.Text.Json.JsonTokenType.Null => Of(null, isNumber: false),
                            global::System.Text.Json.JsonTokenType.String => Of(reader.GetString(), isNumber: false),
                            global::System.Text.Json.JsonTokenType.Number => Of(global::System.Text.Encoding.UTF8.GetString(reader.ValueSpan.ToArray()), isNumber: true),
                            _ => throw new global::System.Text.Json.JsonException("A page link must be a string, a number or null."),
                        };

                    public override void Write(global::System.Text.Json.Utf8JsonWriter writer, PageLink value, global::System.Text.Json.JsonSerializerOptions options)
                    {
                        if (value.Text is null)
                        {
                            writer.WriteNullValue();
                        }
                        else if (value.IsNumber)
                        {
                            writer.WriteRawValue(value.Text);
                        }
                        else
                        {
                            writer.WriteStringValue(value.Text);
                        }
                    }
                }
            }
            """);
        return writer.ToSourceText();
    }

    /// <summary>
    /// One of the four JSON members a page's two links are read from and written to: <c>next</c>/<c>previous</c> or
    /// <c>next_page</c>/<c>previous_page</c>, each written only in its own style; reading a <c>*_page</c> member sets
    /// the style. Lines after the first carry the class's member indentation.
    /// </summary>
    private static string LinkProperty(string jsonName, string name, string field, string getter, bool setsStyle)
    {
        var setter = setsStyle
            ? $"set\n    {{\n        {field} = value.Text;\n        LinkStyle = PageStyleOf(value);\n    }}"
            : $"set => {field} = value.Text;";
        var text = $$"""
            [global::System.Text.Json.Serialization.JsonInclude]
            [global::System.Text.Json.Serialization.JsonPropertyName("{{jsonName}}")]
            [global::System.Text.Json.Serialization.JsonIgnore(Condition = global::System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
            internal PageLink {{name}}
            {
                get => {{getter}};
                {{setter}}
            }
            """;
        return text.Replace("\n", "\n    ");
    }
}
