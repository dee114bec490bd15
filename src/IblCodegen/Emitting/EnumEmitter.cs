using IblCodegen.Model;

namespace IblCodegen.Emitting;

/// <summary>
/// Emits a string enum as a struct over the string, with one static property per value the spec lists:
/// <code>
/// public readonly partial struct ThemeEnum : IEquatable&lt;ThemeEnum&gt;
/// {
///     public static ThemeEnum Light { get; } = new("light");
///     public string Value { get; }
/// }
/// </code>
/// A C# enum would fail (or silently lose the value) the day the server adds a value; this keeps any value
/// it receives and writes it back unchanged, while <c>IsKnown</c> tells whether the spec listed it.
/// </summary>
internal static class EnumEmitter
{
    public static void Write(SourceWriter writer, SpecIdentity identity, EnumTypeSpec type)
    {
        var name = type.Name;
        var source = $"<c>{EmitHelpers.EscapeXml(type.Pointer)}</c>";
        EmitHelpers.WriteDocComment(
            writer,
            type.Summary,
            $"The values of {source}.",
            $"Generated from {source}. Values the spec does not list are kept as they are: see <see cref=\"IsKnown\"/>.");
        writer.WriteLine($"[global::System.Text.Json.Serialization.JsonConverter(typeof({name}.Converter))]");
        writer.WriteLine(EmitHelpers.GeneratedCodeAttribute);
        writer.WriteLine($"public readonly partial struct {name} : global::System.IEquatable<{name}>");
        writer.OpenBlock();

        writer.WriteLine("private readonly string? _value;");
        writer.WriteLine();
        writer.WriteLine($"/// <summary>Creates a value, listed by the spec or not.</summary>");
        writer.WriteLine($"public {name}(string value)");
        writer.OpenBlock();
        writer.WriteLine("_value = value ?? throw new global::System.ArgumentNullException(nameof(value));");
        writer.CloseBlock();

        foreach (var member in type.Members)
        {
            writer.WriteLine();
            writer.WriteLine($"/// <summary>The value <c>{EmitHelpers.EscapeXml(member.Value)}</c>.</summary>");
            writer.WriteLine($"public static {name} {member.Name} {{ get; }} = new({EmitHelpers.Literal(member.Value)});");
        }

        writer.WriteLine();
        writer.WriteLine("/// <summary>The value as it appears in JSON.</summary>");
        writer.WriteLine("public string Value => _value ?? string.Empty;");
        writer.WriteLine();
        writer.WriteLine("/// <summary>Whether the spec lists this value.</summary>");
        if (type.Members.Count == 0)
        {
            writer.WriteLine("public bool IsKnown => false;");
        }
        else
        {
            writer.WriteLine("public bool IsKnown => Value switch");
            writer.OpenBlock();
            for (var i = 0; i < type.Members.Count; i++)
            {
                var separator = i == type.Members.Count - 1 ? " => true," : " or";
                writer.WriteLine(EmitHelpers.Literal(type.Members[i].Value) + separator);
            }

            writer.WriteLine("_ => false,");
            writer.CloseBlock(";");
        }

        writer.WriteLine($$"""

            /// <inheritdoc/>
            public bool Equals({{name}} other) => string.Equals(Value, other.Value, global::System.StringComparison.Ordinal);

            /// <inheritdoc/>
            public override bool Equals(object? obj) => obj is {{name}} other && Equals(other);

            /// <inheritdoc/>
            public override int GetHashCode() => global::System.StringComparer.Ordinal.GetHashCode(Value);

            /// <inheritdoc/>
            public override string ToString() => Value;

            /// <summary>Compares two values ordinally.</summary>
            public static bool operator ==({{name}} left, {{name}} right) => left.Equals(right);

            /// <summary>Compares two values ordinally.</summary>
            public static bool operator !=({{name}} left, {{name}} right) => !left.Equals(right);

            /// <summary>Wraps a string, listed by the spec or not.</summary>
            public static implicit operator {{name}}(string value) => new(value);

            /// <summary>Reads and writes the value as a JSON string.</summary>
            public sealed class Converter : global::System.Text.Json.Serialization.JsonConverter<{{name}}>
            {
                /// <inheritdoc/>
                public override {{name}} Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Type typeToConvert, global::System.Text.Json.JsonSerializerOptions options) =>
                    new(reader.GetString() ?? throw new global::System.Text.Json.JsonException("Expected a string for {{name}}."));

                /// <inheritdoc/>
                public override void Write(global::System.Text.Json.Utf8JsonWriter writer, {{name}} value, global::System.Text.Json.JsonSerializerOptions options) =>
                    writer.WriteStringValue(value.Value);
            }
            """);
        writer.CloseBlock();
        JsonMetadata.WriteEnum(writer, identity, type);
    }
}
