using IblCodegen.Model.Naming;
using IblCodegen.Model;
using Microsoft.CodeAnalysis.Text;

namespace IblCodegen.Emitting;

/// <summary>
/// Emits the spec's <c>JsonSerializerContext</c>: the resolver that hands System.Text.Json the metadata of every
/// type the spec's JSON can hold. Declared types contribute their own part (see <see cref="JsonMetadata"/>); this
/// file adds the framework types, lists, maps, nullable values and closed pages, and the helpers they share.
/// </summary>
internal static class JsonContextEmitter
{
    private const string Metadata = JsonMetadata.Metadata;
    private const string Options = JsonMetadata.Options;
    private const string Services = JsonMetadata.Services;

    public static SourceText Emit(JsonGraphOutput graph)
    {
        var identity = graph.Identity;
        var name = identity.JsonContextTypeName;
        var page = identity.Qualify(ReservedNames.PageType);
        var pageLink = identity.Qualify(ReservedNames.PageLinkType);
        var field = JsonMetadata.RequiredMembersField;
        var writer = EmitHelpers.StartFile(identity);
        writer.WriteLine($$"""
            /// <summary>
            /// Serialization metadata for every type of "{{EmitHelpers.EscapeXml(identity.Title)}}", written at build time: System.Text.Json reads
            /// and writes them without reflection, so trimmed and native AOT applications can use them.
            /// </summary>
            /// <remarks>
            /// Use <see cref="Default"/>, or put the context first in other options' resolvers:
            /// <c>options.TypeInfoResolverChain.Insert(0, {{name}}.Default)</c>.
            /// </remarks>
            {{EmitHelpers.GeneratedCodeAttribute}}
            public partial class {{name}} : global::System.Text.Json.Serialization.JsonSerializerContext, {{Metadata}}.IJsonTypeInfoResolver
            {
                /// <summary>The context over default options.</summary>
                public static {{name}} Default { get; } = new(new {{Options}} { RespectNullableAnnotations = true });

                /// <summary>Creates a context over <paramref name="options"/>, which it makes its own.</summary>
                public {{name}}({{Options}}? options)
                    : base(options)
                {
                }

                /// <inheritdoc/>
                protected override {{Options}}? GeneratedSerializerOptions => null;

                /// <inheritdoc/>
                public override {{Metadata}}.JsonTypeInfo? GetTypeInfo(global::System.Type type)
                {
                    Options.TryGetTypeInfo(type, out var typeInfo);
                    return typeInfo;
                }

            """);
        writer.Indentation++;
        writer.WriteLine($"{Metadata}.JsonTypeInfo? {Metadata}.IJsonTypeInfoResolver.GetTypeInfo(global::System.Type type, {Options} options)");
        writer.OpenBlock();
        foreach (var declared in graph.Declared)
        {
            writer.WriteLine($"if (type == typeof({declared.QualifiedName})) return {JsonMetadata.CreateMethod(declared.Name)}(options);");
        }

        foreach (var node in graph.Constructed)
        {
            writer.WriteLine($"if (type == typeof({node.Type})) return {JsonMetadata.CreateMethod(node.Key)}(options);");
        }

        writer.WriteLine($"if (type == typeof({pageLink})) return {Services}.CreateValueInfo<{pageLink}>(options, new {pageLink}.Converter());");
        writer.WriteLine("return null;");
        writer.CloseBlock();

        foreach (var node in graph.Constructed)
        {
            writer.WriteLine();
            WriteConstructed(writer, node, page);
        }

        writer.WriteLine($$"""

            /// <summary>The properties every page has: the count, the items, and the links under either naming.</summary>
            private static {{Metadata}}.JsonPropertyInfo[] PageProperties<T>({{Options}} options) =>
            [
                Property<int>(options, typeof({{page}}<T>), "Count", "count", static o => (({{page}}<T>)o).Count, static (o, v) => (({{page}}<T>)o).Count = MarkRead(ref (({{page}}<T>)o).{{field}}, 1UL << 0, v)),
                Property<global::System.Collections.Generic.IReadOnlyList<T>>(options, typeof({{page}}<T>), "Results", "results", static o => (({{page}}<T>)o).Results, static (o, v) => (({{page}}<T>)o).Results = MarkRead(ref (({{page}}<T>)o).{{field}}, 1UL << 1, v!), disallowNull: true),
                Property<{{pageLink}}>(options, typeof({{page}}<T>), "NextLink", "next", static o => (({{page}}<T>)o).NextLink, static (o, v) => (({{page}}<T>)o).NextLink = v, ignoreWhenDefault: true),
                Property<{{pageLink}}>(options, typeof({{page}}<T>), "PreviousLink", "previous", static o => (({{page}}<T>)o).PreviousLink, static (o, v) => (({{page}}<T>)o).PreviousLink = v, ignoreWhenDefault: true),
                Property<{{pageLink}}>(options, typeof({{page}}<T>), "NextPageLink", "next_page", static o => (({{page}}<T>)o).NextPageLink, static (o, v) => (({{page}}<T>)o).NextPageLink = v, ignoreWhenDefault: true),
                Property<{{pageLink}}>(options, typeof({{page}}<T>), "PreviousPageLink", "previous_page", static o => (({{page}}<T>)o).PreviousPageLink, static (o, v) => (({{page}}<T>)o).PreviousPageLink = v, ignoreWhenDefault: true),
            ];

            /// <summary>A required member's setter: records that the JSON set the member, then hands on the value.</summary>
            private static TValue MarkRead<TValue>(ref ulong requiredMembersRead, ulong bit, TValue value)
            {
                requiredMembersRead |= bit;
                return value;
            }

            /// <summary>
            /// Refuses a JSON object that lacks a required member, once the object is read. Each required member's setter
            /// sets its bit (the member's position in <paramref name="jsonNames"/>) in a field of the object, which
            /// <paramref name="read"/> returns.
            /// </summary>
            private static {{Metadata}}.JsonTypeInfo<T> RequireMembers<T>({{Metadata}}.JsonTypeInfo<T> typeInfo, global::System.Func<object, ulong> read, string[] jsonNames)
            {
                var all = jsonNames.Length == 64 ? ulong.MaxValue : (1UL << jsonNames.Length) - 1;
                var next = typeInfo.OnDeserialized; // IJsonOnDeserialized, if a partial class of the model implements it
                typeInfo.OnDeserialized = value =>
                {
                    var seen = read(value);
                    if (seen != all)
                    {
                        var missing = new global::System.Collections.Generic.List<string>();
                        for (var i = 0; i < jsonNames.Length; i++)
                        {
                            if ((seen & (1UL << i)) == 0)
                            {
                                missing.Add("'" + jsonNames[i] + "'");
                            }
                        }

                        throw new global::System.Text.Json.JsonException($"JSON deserialization for type '{typeof(T)}' was missing required properties: {string.Join(", ", missing)}.");
                    }

                    next?.Invoke(value);
                };
                return typeInfo;
            }

            /// <summary>
            /// One property: direct getter and setter, its JSON name, whether JSON must carry it, whether it may be read as
            /// null (with <c>RespectNullableAnnotations</c>, as <see cref="Default"/> has it, a null for a member that may
            /// not hold one is refused, naming the member), and when it is left out.
            /// </summary>
            private static {{Metadata}}.JsonPropertyInfo Property<TValue>(
                {{Options}} options,
                global::System.Type declaringType,
                string name,
                string jsonName,
                global::System.Func<object, TValue> getter,
                global::System.Action<object, TValue?> setter,
                bool isRequired = false,
                bool ignoreWhenNull = false,
                bool ignoreWhenDefault = false,
                bool disallowNull = false)
            {
                var property = {{Services}}.CreatePropertyInfo(options, new {{Metadata}}.JsonPropertyInfoValues<TValue>
                {
                    IsProperty = true,
                    IsPublic = true,
                    DeclaringType = declaringType,
                    PropertyName = name,
                    JsonPropertyName = jsonName,
                    Getter = getter,
                    Setter = setter,
                    IgnoreCondition = ignoreWhenDefault
                        ? global::System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault
                        : ignoreWhenNull ? global::System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull : null,
                });
                property.IsRequired = isRequired;
                if (disallowNull)
                {
                    property.IsSetNullable = false;
                }

                return property;
            }
            """);
        writer.Indentation--;
        writer.WriteLine("}");
        return writer.ToSourceText();
    }

    private static void WriteConstructed(SourceWriter writer, JsonTypeNode node, string page)
    {
        var typeInfo = JsonMetadata.TypeInfo(node.Type);
        writer.WriteLine($"/// <summary>The serialization metadata of <c>{EmitHelpers.EscapeXml(node.ShortName)}</c>.</summary>");
        writer.WriteLine($"public {typeInfo} {node.Key} => {JsonMetadata.FromOptions(node.Type)};");
        writer.WriteLine();
        writer.WriteLine($"private static {typeInfo} {JsonMetadata.CreateMethod(node.Key)}({Options} options) =>");
        writer.Indentation++;
        switch (node.Kind)
        {
            case JsonTypeKind.Value:
                writer.WriteLine($"{Services}.CreateValueInfo<{node.Type}>(options, {Services}.{node.Converter});");
                break;
            case JsonTypeKind.StringOrInteger:
                writer.WriteLine($"{Services}.CreateValueInfo<{node.Type}>(options, new {node.Type}.Converter());");
                break;
            case JsonTypeKind.NullableValue:
                writer.WriteLine($"{Services}.CreateValueInfo<{node.Type}>(options, {Services}.GetNullableConverter<{node.Element}>(options));");
                break;
            case JsonTypeKind.List:
                writer.WriteLine($"{Services}.CreateIEnumerableInfo<{node.Type}, {node.Element}>(options, new {Metadata}.JsonCollectionInfoValues<{node.Type}>());");
                break;
            case JsonTypeKind.Dictionary:
                writer.WriteLine($"{Services}.CreateIReadOnlyDictionaryInfo<{node.Type}, string, {node.Element}>(options, new {Metadata}.JsonCollectionInfoValues<{node.Type}>());");
                break;
            case JsonTypeKind.Page:
                JsonMetadata.WriteObjectInfo(
                    writer,
                    node.Type,
                    $"static () => new {node.Type} {{ Count = default, Results = default! }}",
                    $"PageProperties<{node.Element}>(options)",
                    RequiredMember.OfPage);
                break;
        }

        writer.Indentation--;
    }
}
