using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace IblCodegen.Parsing.Tree;

/// <summary>JSON text to a <see cref="SpecNode"/> tree and back, through System.Text.Json's reader and writer.</summary>
internal static class SpecTreeJson
{
    /// <summary>Reads one JSON value (comments skipped); null for JSON null.</summary>
    /// <exception cref="JsonException">The text is not JSON, nests deeper than <paramref name="maxDepth"/>, or repeats a key in an object.</exception>
    public static SpecNode? Read(string text, int maxDepth)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = maxDepth, CommentHandling = JsonCommentHandling.Skip });

        // The reader rejects empty text, and anything after the value but whitespace and comments, with the position.
        reader.Read();
        var root = ReadValue(ref reader, new SpecTreeBuilder(), bytes);
        reader.Read();
        return root;
    }

    private static SpecNode? ReadValue(ref Utf8JsonReader reader, SpecTreeBuilder builder, byte[] bytes)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                builder.BeginObject();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var key = reader.GetString()!;
                    var keyStart = reader.TokenStartIndex;
                    reader.Read();
                    if (!builder.TryAdd(key, ReadValue(ref reader, builder, bytes)))
                    {
                        var lineStart = Array.LastIndexOf(bytes, (byte)'\n', (int)keyStart) + 1;
                        var line = 0;
                        for (var i = 0; i < lineStart; i++)
                        {
                            line += bytes[i] == '\n' ? 1 : 0;
                        }

                        throw new JsonException($"The key '{key}' appears twice in the same object.", path: null, line, keyStart - lineStart);
                    }
                }

                return builder.EndObject();
            case JsonTokenType.StartArray:
                builder.BeginArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    builder.AddItem(ReadValue(ref reader, builder, bytes));
                }

                return builder.EndArray();
            case JsonTokenType.String:
                return SpecValue.String(reader.GetString()!);
            case JsonTokenType.Number:
                // The whole text is one span, so a token's value is never a sequence.
                return SpecValue.Number(Encoding.UTF8.GetString(reader.ValueSpan.ToArray()));
            case JsonTokenType.True:
                return SpecValue.Boolean(true);
            case JsonTokenType.False:
                return SpecValue.Boolean(false);
            default:
                return null;
        }
    }

    /// <summary>Compact JSON, with System.Text.Json's default escaping; a number as the text it was read as.</summary>
    public static string Write(SpecNode node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, node);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void Write(Utf8JsonWriter writer, SpecNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case SpecObject obj:
                writer.WriteStartObject();
                foreach (var pair in obj)
                {
                    writer.WritePropertyName(pair.Key);
                    Write(writer, pair.Value);
                }

                writer.WriteEndObject();
                break;
            case SpecArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case SpecValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        writer.WriteStringValue(value.Text);
                        break;
                    case JsonValueKind.Number:
                        writer.WriteRawValue(value.Text, skipInputValidation: true);
                        break;
                    default:
                        writer.WriteBooleanValue(value.GetValueKind() == JsonValueKind.True);
                        break;
                }

                break;
        }
    }
}
