using System.Collections.Generic;
using System.Linq;
using IblCodegen.Model;
using IblCodegen.Model.Naming;

namespace IblCodegen.Emitting;

/// <summary>
/// The serialization metadata of a generated type, written beside the type as a part of the spec's
/// <c>JsonSerializerContext</c>. System.Text.Json's own generator cannot see types another generator declares, so
/// this one writes what it would: <c>JsonMetadataServices</c> calls with direct getters, setters and constructors, so
/// reading and writing JSON needs no reflection and survives trimming and native AOT.
/// <code>
/// partial class IblDataManagerJsonContext
/// {
///     public JsonTypeInfo&lt;OvertimeMeta&gt; OvertimeMeta =&gt; ...;
///     private static JsonTypeInfo&lt;OvertimeMeta&gt; Create_OvertimeMeta(JsonSerializerOptions options) =&gt; ...;
///     private static JsonPropertyInfo[] Properties_OvertimeMeta(JsonSerializerOptions options) =&gt; [Property&lt;int?&gt;(...), ...];
/// }
/// </code>
/// </summary>
internal static class JsonMetadata
{
    public const string Metadata = "global::System.Text.Json.Serialization.Metadata";
    public const string Options = "global::System.Text.Json.JsonSerializerOptions";
    public const string Services = Metadata + ".JsonMetadataServices";


    /// <summary>The method creating a type's metadata. The underscore keeps it apart from every PascalCase type name.</summary>
    public static string CreateMethod(string key) => "Create_" + key;

    /// <summary>The method listing an object type's properties, which derived types start their own list with.</summary>
    public static string PropertiesMethod(string typeName) => "Properties_" + typeName;

    public static string TypeInfo(string type) => $"{Metadata}.JsonTypeInfo<{type}>";

    /// <summary>The field of a class that records which required members a JSON read has set, a bit each.</summary>
    public const string RequiredMembersField = "_requiredMembersRead";

    /// <summary>How many required members a class's bits track; System.Text.Json checks any beyond them itself.</summary>
    public const int TrackedRequiredMembers = 64;

    /// <summary>
    /// The field behind <see cref="RequiredMembersField"/>. System.Text.Json would check required members itself
    /// (<c>IsRequired</c>), but at the price of a bit array allocated for every object it reads; a field and one
    /// check after the read (<c>RequireMembers</c> in the context) cost next to nothing.
    /// </summary>
    public static void WriteRequiredMembersField(SourceWriter writer)
    {
        writer.WriteLine("/// <summary>The required members a JSON read has set, a bit each; checked when the read of the object ends.</summary>");
        writer.WriteLine($"internal ulong {RequiredMembersField};");
    }

    /// <summary>Writes the context part of an object type.</summary>
    public static void WriteObject(SourceWriter writer, SpecIdentity identity, ObjectTypeSpec type, EquatableArray<RequiredMember> inheritedRequired)
    {
        var qualified = identity.Qualify(type.Name);
        StartPart(writer, identity, type.Name);

        var required = inheritedRequired.Concat(type.Properties.Where(p => p.IsRequired).Select(p => new RequiredMember(p.Name, p.JsonName))).ToList();
        var creator = required.Count == 0
            ? $"static () => new {qualified}()"
            : $"static () => new {qualified} {{ {string.Join(", ", required.Select(member => member.Name + " = default!"))} }}";
        var tracked = required.Take(TrackedRequiredMembers).ToList();
        writer.WriteLine($"private static {TypeInfo(qualified)} {CreateMethod(type.Name)}({Options} options) =>");
        writer.Indentation++;
        WriteObjectInfo(writer, qualified, creator, $"{PropertiesMethod(type.Name)}(options)", tracked);
        writer.Indentation--;
        writer.WriteLine();

        writer.WriteLine($"private static {Metadata}.JsonPropertyInfo[] {PropertiesMethod(type.Name)}({Options} options) =>");
        writer.WriteLine("[");
        writer.Indentation++;
        if (type.BaseType is { } baseType)
        {
            writer.WriteLine($".. {BaseProperties(baseType)},");
        }

        var bit = inheritedRequired.Count;
        foreach (var property in type.Properties)
        {
            var ignore = property.IsRequired ? string.Empty : ", ignoreWhenNull: true";

            // A reference type without '?': the JSON may not hold null there (value types refuse null by themselves).
            var disallowNull = property.Type is { IsNullable: false, IsValueType: false } ? ", disallowNull: true" : string.Empty;
            var getter = $"static o => (({qualified})o).{property.Name}";
            string setter, isRequired;
            if (property.IsRequired && bit < TrackedRequiredMembers)
            {
                // An expression, not a block: 1,716 block lambdas (the published spec) took the compiler a second more.
                setter = $"static (o, v) => (({qualified})o).{property.Name} = MarkRead(ref (({qualified})o).{RequiredMembersField}, 1UL << {bit}, v!)";
                isRequired = string.Empty;
            }
            else
            {
                setter = $"static (o, v) => (({qualified})o).{property.Name} = v!";
                isRequired = property.IsRequired ? ", isRequired: true" : string.Empty;
            }

            if (property.IsRequired)
            {
                bit++;
            }

            writer.WriteLine(
                $"Property<{property.Type.Name}>(options, typeof({qualified}), {EmitHelpers.Literal(property.Name)}, {EmitHelpers.Literal(property.JsonName)}, "
                + $"{getter}, {setter}{isRequired}{ignore}{disallowNull}),");
        }

        writer.Indentation--;
        writer.WriteLine("];");
        writer.CloseBlock();
    }

    /// <summary>
    /// The expression creating an object's metadata (a generated class, or a closed page), wrapped in
    /// <c>RequireMembers</c> when some of its required members are tracked by its bits.
    /// </summary>
    public static void WriteObjectInfo(SourceWriter writer, string qualified, string creator, string properties, IReadOnlyList<RequiredMember> tracked)
    {
        if (tracked.Count > 0)
        {
            writer.WriteLine("RequireMembers(");
            writer.Indentation++;
        }

        writer.WriteLine($"{Services}.CreateObjectInfo(options, new {Metadata}.JsonObjectInfoValues<{qualified}>");
        writer.OpenBlock();

        // Required members are checked once the object is read (RequireMembers), not by the object initializer.
        writer.WriteLine($"ObjectCreator = {creator},");
        writer.WriteLine($"PropertyMetadataInitializer = _ => {properties},");
        if (tracked.Count == 0)
        {
            writer.CloseBlock(");");
            return;
        }

        writer.CloseBlock("),");
        writer.WriteLine($"static o => (({qualified})o).{RequiredMembersField},");
        writer.WriteLine($"[{string.Join(", ", tracked.Select(member => EmitHelpers.Literal(member.JsonName)))}]);");
        writer.Indentation--;
    }

    /// <summary>Writes the context part of a string enum: its converter is all the metadata it needs.</summary>
    public static void WriteEnum(SourceWriter writer, SpecIdentity identity, EnumTypeSpec type)
    {
        var qualified = identity.Qualify(type.Name);
        StartPart(writer, identity, type.Name);
        writer.WriteLine($"private static {TypeInfo(qualified)} {CreateMethod(type.Name)}({Options} options) =>");
        writer.Indentation++;
        writer.WriteLine($"{Services}.CreateValueInfo<{qualified}>(options, new {qualified}.Converter());");
        writer.Indentation--;
        writer.CloseBlock();
    }

    /// <summary>The context's declaration and the type's public type-info property.</summary>
    private static void StartPart(SourceWriter writer, SpecIdentity identity, string typeName)
    {
        var qualified = identity.Qualify(typeName);
        writer.WriteLine();
        writer.WriteLine($"partial class {identity.JsonContextTypeName}");
        writer.OpenBlock();
        writer.WriteLine($"/// <summary>The serialization metadata of <see cref=\"{qualified}\"/>.</summary>");
        writer.WriteLine($"public {TypeInfo(qualified)} {JsonContextNames.PropertyName(typeName)} =>");
        writer.Indentation++;
        writer.WriteLine(FromOptions(qualified) + ";");
        writer.Indentation--;
        writer.WriteLine();
    }

    /// <summary>
    /// A type's metadata, read from the context's options each time, which cache it. Not kept in a field of the
    /// context: on a hot reload (<c>dotnet watch</c>, an IDE) System.Text.Json empties the caches of its options, so a
    /// member the edit added to a model is in the metadata read next; a field would keep handing out the metadata
    /// from before the edit, which drops that member, until the app restarts.
    /// </summary>
    public static string FromOptions(string qualifiedType) =>
        $"({TypeInfo(qualifiedType)})Options.GetTypeInfo(typeof({qualifiedType}))";

    /// <summary>The properties a derived type starts with: its base class's, or the page envelope's.</summary>
    private static string BaseProperties(TypeRef baseType) =>
        baseType.Kind == TypeRefKind.Page
            ? $"PageProperties<{baseType.Element!.Name}>(options)"
            : $"{PropertiesMethod(baseType.DeclaredName!)}(options)";
}
