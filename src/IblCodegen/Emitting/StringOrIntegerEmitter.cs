using IblCodegen.Model;
using Microsoft.CodeAnalysis.Text;

namespace IblCodegen.Emitting;

/// <summary>
/// Emits the struct for a value the spec allows as a string or an integer (<c>oneOf: [string, integer]</c>), such as
/// an id a client may send as <c>"42"</c> or <c>42</c>. It keeps the form it was read in and writes the same back, so
/// nothing is lost in a round trip, and callers ask for the form they want rather than taking a
/// <c>JsonElement</c> apart. Declared once per spec, only when the spec has such a value.
/// </summary>
internal static class StringOrIntegerEmitter
{
    public static SourceText Emit(SpecIdentity identity)
    {
        var writer = EmitHelpers.StartFile(identity);
        writer.WriteLine($$"""
            /// <summary>
            /// A value the spec allows as a string or an integer. It keeps the form it was read in and is written back the
            /// same way; <c>"42"</c> and <c>42</c> are different values, and <see cref="TryParseInteger"/> reads either as 42.
            /// The default value is the integer 0.
            /// </summary>
            [global::System.Text.Json.Serialization.JsonConverter(typeof(StringOrInteger.Converter))]
            {{EmitHelpers.GeneratedCodeAttribute}}
            public readonly struct StringOrInteger : global::System.IEquatable<StringOrInteger>
            {
                private readonly string? _string;
                private readonly long _integer;

                /// <summary>A string value.</summary>
                public StringOrInteger(string value)
                {
                    _string = value ?? throw new global::System.ArgumentNullException(nameof(value));
                    _integer = 0;
                }

                /// <summary>An integer value.</summary>
                public StringOrInteger(long value)
                {
                    _string = null;
                    _integer = value;
                }

                /// <summary>Whether the value was given as a string.</summary>
                public bool IsString => _string is not null;

                /// <summary>Whether the value was given as an integer.</summary>
                public bool IsInteger => _string is null;

                /// <summary>The string, when the value was given as one.</summary>
                public bool TryGetString([global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
                {
                    value = _string;
                    return value is not null;
                }

                /// <summary>The integer, when the value was given as one.</summary>
                public bool TryGetInteger(out long value)
                {
                    value = _integer;
                    return _string is null;
                }

                /// <summary>
                /// The integer, given as one or as a string of decimal digits (an optional sign, no spaces): <c>42</c> and
                /// <c>"42"</c> both read as 42.
                /// </summary>
                public bool TryParseInteger(out long value)
                {
                    if (_string is null)
                    {
                        value = _integer;
                        return true;
                    }

                    return long.TryParse(_string, global::System.Globalization.NumberStyles.AllowLeadingSign, global::System.Globalization.CultureInfo.InvariantCulture, out value);
                }

                /// <summary>The string, or the integer written invariantly.</summary>
                public override string ToString() => _string ?? _integer.ToString(global::System.Globalization.CultureInfo.InvariantCulture);

                /// <summary>Equal when both have the same form and value.</summary>
                public bool Equals(StringOrInteger other) =>
                    _string is null ? other._string is null && _integer == other._integer : string.Equals(_string, other._string, global::System.StringComparison.Ordinal);

                /// <inheritdoc/>
                public override bool Equals(object? obj) => obj is StringOrInteger other && Equals(other);

                /// <inheritdoc/>
                public override int GetHashCode() => _string is null ? _integer.GetHashCode() : global::System.StringComparer.Ordinal.GetHashCode(_string);

                /// <summary>Equal when both have the same form and value.</summary>
                public static bool operator ==(StringOrInteger left, StringOrInteger right) => left.Equals(right);

                /// <summary>Different in form or value.</summary>
                public static bool operator !=(StringOrInteger left, StringOrInteger right) => !left.Equals(right);

                /// <summary>A string value.</summary>
                public static implicit operator StringOrInteger(string value) => new(value);

                /// <summary>An integer value.</summary>
                public static implicit operator StringOrInteger(long value) => new(value);

                /// <summary>Reads a JSON string or integer, and writes the value in the form it has.</summary>
                public sealed class Converter : global::System.Text.Json.Serialization.JsonConverter<StringOrInteger>
                {
                    /// <inheritdoc/>
                    public override StringOrInteger Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Type typeToConvert, global::System.Text.Json.JsonSerializerOptions options) =>
                        reader.TokenType switch
                        {
                            global::System.Text.Json.JsonTokenType.String => new(reader.GetString()!),
                            global::System.Text.Json.JsonTokenType.Number when reader.TryGetInt64(out var integer) => new(integer),
                            _ => throw new global::System.Text.Json.JsonException("Expected a string or an integer."),
                        };

                    /// <inheritdoc/>
                    public override void Write(global::System.Text.Json.Utf8JsonWriter writer, StringOrInteger value, global::System.Text.Json.JsonSerializerOptions options)
                    {
                        if (value._string is { } text)
                        {
                            writer.WriteStringValue(text);
                        }
                        else
                        {
                            writer.WriteNumberValue(value._integer);
                        }
                    }
                }
            }
            """);
        return writer.ToSourceText();
    }
}
