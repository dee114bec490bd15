using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using IblCodegen.Diagnostics;
using IblCodegen.Model;
using IblCodegen.Model.Naming;
using IblCodegen.Parsing.Tree;

namespace IblCodegen.Parsing;

/// <summary>Maps schemas onto C# types.</summary>
internal sealed partial class ModelBuilder
{
    private static readonly TypeRef JsonElementType = TypeRef.JsonElement;

    private ComponentKind Classify(SchemaNode schema)
    {
        if (schema.IsReference)
        {
            return ComponentKind.Alias;
        }

        if (TryGetPageShape(schema, out _))
        {
            return ComponentKind.Page;
        }

        if (IsStringEnum(schema))
        {
            return ComponentKind.Enum;
        }

        if (schema.Properties is { Count: > 0 })
        {
            return ComponentKind.Object;
        }

        if (schema.AllOf is { Count: > 0 } allOf && SignificantParts(allOf).Count > 1)
        {
            return ComponentKind.Object;
        }

        return ComponentKind.Alias;
    }

    /// <summary>
    /// The C# type for <paramref name="schema"/>, found at <paramref name="pointer"/>. An inline object or enum gets a
    /// type of its own, named from <paramref name="nameHint"/>.
    /// </summary>
    private TypeRef Map(SchemaNode? schema, string pointer, string nameHint)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (schema is null)
        {
            return JsonElementType;
        }

        // Mapping follows the schema's nesting by recursion: this bound keeps a hostile spec (a chain of local
        // pointers, say) from overflowing the compiler's stack, which no catch could recover from.
        if (_mapDepth >= MaxMapDepth)
        {
            Report(DiagnosticDescriptors.NestedTooDeep, pointer, "The schema", pointer, MaxMapDepth.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return JsonElementType;
        }

        _mapDepth++;
        try
        {
            return MapWithinDepth(schema, pointer, nameHint);
        }
        finally
        {
            _mapDepth--;
        }
    }

    private TypeRef MapWithinDepth(SchemaNode schema, string pointer, string nameHint)
    {
        if (schema.IsReference)
        {
            return MapReference(schema, pointer, nameHint);
        }

        var nullable = IsNullable(schema);
        if (IsNullOnly(schema))
        {
            // Only null is allowed (drf-spectacular's NullEnum): nothing to carry but the null itself.
            return JsonElementType.AsNullable();
        }

        if (schema.AllOf is { Count: > 0 } allOf && schema.Properties is not { Count: > 0 })
        {
            var parts = SignificantParts(allOf);
            if (parts.Count == 1)
            {
                return Map(parts[0].Schema, JsonPointer.Append(JsonPointer.Append(pointer, "allOf"), parts[0].Index), nameHint).AsNullable(nullable);
            }
        }

        if (schema.OneOf is { Count: > 0 } || schema.AnyOf is { Count: > 0 })
        {
            return MapUnion(schema, pointer, nameHint).AsNullable(nullable);
        }

        if (schema.Enum is { Count: > 0 } values)
        {
            if (IsStringEnum(schema))
            {
                return DeclareInline(schema, nameHint, name => BuildEnum(schema, name, pointer), isValueType: true).AsNullable(nullable);
            }

            if (values.All(IsJsonNull))
            {
                return JsonElementType.AsNullable();
            }
        }

        if (schema.Properties is { Count: > 0 } || schema.AllOf is { Count: > 0 })
        {
            return DeclareInline(schema, nameHint, name => BuildObject(schema, name, pointer), isValueType: false).AsNullable(nullable);
        }

        return MapByType(schema, pointer, nameHint).AsNullable(nullable);
    }

    /// <summary>
    /// Declares a type for an inline schema, once: a schema reached twice (a shared parameter, say) keeps the
    /// type it got the first time.
    /// </summary>
    private TypeRef DeclareInline(SchemaNode schema, string nameHint, System.Func<string, TypeSpec> build, bool isValueType)
    {
        if (!_inlineTypes.TryGetValue(schema, out var type))
        {
            var name = _typeNames.Claim(isValueType ? EnumTypeName(nameHint) : nameHint);
            type = TypeRef.Declared(_identity.Namespace, name, isValueType);
            _inlineTypes.Add(schema, type);
            _types.Add(build(name));
        }

        return type;
    }

    private TypeRef MapByType(SchemaNode schema, string pointer, string nameHint)
    {
        var type = schema.Type is { } declared ? declared & ~SchemaTypes.Null : (SchemaTypes?)null;
        switch (type)
        {
            case SchemaTypes.String:
                return MapString(schema.Format);
            case SchemaTypes.Integer:
                return schema.Format == "int64" ? TypeRef.Int64 : TypeRef.Int32;
            case SchemaTypes.Number:
                return schema.Format switch
                {
                    "float" => TypeRef.Single,
                    "decimal" => TypeRef.Decimal,
                    _ => TypeRef.Double,
                };
            case SchemaTypes.Boolean:
                return TypeRef.Boolean;
            case SchemaTypes.Array:
            {
                var items = Map(schema.Items, JsonPointer.Append(pointer, "items"), nameHint + "Item");
                return TooDeep(items, pointer, "An array")
                    ? JsonElementType
                    : TypeRef.List(items);
            }

            case SchemaTypes.Object or null when schema.AdditionalProperties is { } valueSchema:
            {
                var value = Map(valueSchema, JsonPointer.Append(pointer, "additionalProperties"), nameHint + "Value");
                return TooDeep(value, pointer, "A map")
                    ? JsonElementType
                    : TypeRef.Map(value);
            }

            case SchemaTypes.Object or null:
                // A free-form object, or a schema that allows anything: kept as the JSON it is.
                return JsonElementType;

            case StringOrInteger:
                return TypeRef.StringOrInteger(_identity.Namespace);

            default:
                // Several types at once (OpenAPI 3.1 "type: [string, boolean]").
                Report(DiagnosticDescriptors.UnsupportedSchema, pointer, $"A value that is {TypeNames(type!.Value)}", pointer, "JsonElement");
                return JsonElementType;
        }
    }

    /// <summary>
    /// Whether a collection of <paramref name="element"/> would nest type arguments past <see cref="MaxTypeNesting"/>
    /// (reported). Each level repeats the whole name inside it, so a chain of collections thousands long would
    /// otherwise generate text growing with the square of its length.
    /// </summary>
    private bool TooDeep(TypeRef element, string pointer, string construct)
    {
        if (element.Nesting < MaxTypeNesting)
        {
            return false;
        }

        Report(DiagnosticDescriptors.NestedTooDeep, pointer, construct + " of collections", pointer, MaxTypeNesting.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return true;
    }

    private static TypeRef MapString(string? format) => format switch
    {
        "date" => TypeRef.DateOnly,
        "date-time" => TypeRef.DateTimeOffset,
        "uuid" => TypeRef.Guid,
        "byte" => TypeRef.ByteArray,

        // A file's content: only a form body can carry it as such (a multipart file part).
        "binary" => TypeRef.ByteArray,
        _ => TypeRef.String,
    };

    private TypeRef MapReference(SchemaNode reference, string pointer, string nameHint)
    {
        var target = reference.Reference!;
        if (reference.ReferenceId is null && target.StartsWith("#/", System.StringComparison.Ordinal))
        {
            return MapLocalPointer(target, pointer, nameHint);
        }

        if (reference.ReferenceId is not { } id || !_components.TryGetValue(id, out var component))
        {
            Report(DiagnosticDescriptors.UnresolvedReference, JsonPointer.Append(pointer, "$ref"), target, $"'{pointer}' is generated as JsonElement");
            return JsonElementType;
        }

        ResolveAliasesBefore(component);
        var type = MapComponent(component);
        return type.AsNullable(IsNullable(component.Schema));
    }

    /// <summary>
    /// Resolves the aliases an alias leads to before the alias itself, deepest first, with a stack of its own. Each
    /// then finds the next one already resolved, so a chain of thousands of aliases (<c>A: $ref B</c>, <c>B: allOf
    /// [$ref C]</c>, …) costs one level of recursion instead of one per link.
    /// </summary>
    private void ResolveAliasesBefore(Component start)
    {
        if (!NeedsResolving(start))
        {
            return;
        }

        // A component stays on the stack while its dependencies are resolved above it, and is resolved when it is met
        // again on top. (Plain collections of references: generic code over value tuples would be compiled anew, which a
        // cold run pays for.)
        var pending = new Stack<Component>();
        var seen = new HashSet<string>(System.StringComparer.Ordinal) { start.Key };
        var expanded = new HashSet<string>(System.StringComparer.Ordinal);
        pending.Push(start);
        while (pending.Count > 0)
        {
            var component = pending.Peek();
            if (!expanded.Add(component.Key))
            {
                pending.Pop();

                // The start itself is left to the caller.
                if (component != start && NeedsResolving(component))
                {
                    MapComponent(component);
                }

                continue;
            }

            foreach (var id in component.Schema.ReferencedComponents())
            {
                if (_components.TryGetValue(id, out var dependency) && NeedsResolving(dependency) && seen.Add(id))
                {
                    pending.Push(dependency);
                }
            }
        }
    }

    /// <summary>An alias or plain page not yet resolved (nor being resolved: a loop is reported where it closes).</summary>
    private static bool NeedsResolving(Component component) =>
        component.TypeName is null && component.Resolved is null && !component.Resolving && !component.IsCut;

    /// <summary>
    /// A <c>$ref</c> to a schema elsewhere in the document (<c>#/paths/…/schema/properties/x</c>): valid JSON Pointer,
    /// not only a component. The schema there is mapped like an inline one, once per target; a target that refers
    /// back to itself becomes JsonElement.
    /// </summary>
    private TypeRef MapLocalPointer(string target, string pointer, string nameHint)
    {
        if (_pointerTypes.TryGetValue(target, out var known))
        {
            if (known is { } type)
            {
                return type;
            }

            Report(DiagnosticDescriptors.UnsupportedSchema, pointer, $"The schema '{target}', which contains itself,", pointer, "JsonElement");
            return JsonElementType;
        }

        if (_document.Find(target) is not SpecObject node)
        {
            Report(DiagnosticDescriptors.UnresolvedReference, JsonPointer.Append(pointer, "$ref"), target, $"'{pointer}' is generated as JsonElement");
            return JsonElementType;
        }

        _pointerTypes[target] = null;
        var mapped = Map(_document.Schema(node), target, nameHint);
        _pointerTypes[target] = mapped;
        return mapped;
    }

    private TypeRef MapComponent(Component component)
    {
        if (component.TypeName is { } typeName)
        {
            return TypeRef.Declared(_identity.Namespace, typeName, isValueType: component.Kind is ComponentKind.Enum);
        }

        if (component.Resolved is { } resolved)
        {
            return resolved;
        }

        if (component.IsCut)
        {
            return JsonElementType;
        }

        if (component.Resolving)
        {
            Report(DiagnosticDescriptors.UnsupportedSchema, component.Pointer, $"The schema '{component.Key}', which is defined through itself,", component.Pointer, "JsonElement");
            return JsonElementType;
        }

        component.Resolving = true;
        var hint = Identifiers.ToPascalCase(component.Key, "Schema");
        var type = component.Kind is ComponentKind.Page
            ? MapPlainPage(component.Schema, component.Pointer, hint)
            : Map(component.Schema, component.Pointer, hint);
        component.Resolving = false;

        // A component's own nullability belongs to its uses, which add it back from the schema.
        type = type.NonNullable;
        component.Resolved = type;
        return type;
    }

    /// <summary>
    /// <c>oneOf</c>/<c>anyOf</c>. drf-spectacular writes nullable and blank-able enums as
    /// <c>oneOf: [TheEnum, BlankEnum, NullEnum]</c>: those collapse to the enum, nullable. A real union becomes
    /// <see cref="JsonElement"/> for now, with a diagnostic naming it.
    /// </summary>
    private TypeRef MapUnion(SchemaNode schema, string pointer, string nameHint)
    {
        var keyword = schema.OneOf is { Count: > 0 } ? "oneOf" : "anyOf";
        var members = (schema.OneOf is { Count: > 0 } ? schema.OneOf : schema.AnyOf)!;
        var nullable = false;
        var remaining = new List<(SchemaNode Schema, int Index)>();
        for (var i = 0; i < members.Count; i++)
        {
            if (members[i] is not { } member)
            {
                continue;
            }

            if (IsNullOnly(member))
            {
                nullable = true;
            }
            else
            {
                remaining.Add((member, i));
            }
        }

        if (remaining.Count > 1)
        {
            var withoutBlank = remaining.Where(m => !IsBlankOnly(m.Schema)).ToList();
            if (withoutBlank.Count == 1 && IsStringEnum(Resolve(withoutBlank[0].Schema)))
            {
                remaining = withoutBlank;
            }
        }

        if (remaining.Count == 1)
        {
            var member = remaining[0];
            var memberPointer = JsonPointer.Append(JsonPointer.Append(pointer, keyword), member.Index);
            return Map(member.Schema, memberPointer, nameHint).AsNullable(nullable);
        }

        // A union of plain types (oneOf: [string, integer]) is named by its types, which say more than a count.
        var types = remaining.All(m => IsPlainType(m.Schema)) ? remaining.Aggregate((SchemaTypes)0, (all, m) => all | m.Schema.Type!.Value) : 0;
        if ((types & ~SchemaTypes.Null) == StringOrInteger)
        {
            return TypeRef.StringOrInteger(_identity.Namespace).AsNullable(nullable || (types & SchemaTypes.Null) != 0);
        }

        var construct = (types & (types - 1)) != 0 ? $"A value that is {TypeNames(types)}" : $"A '{keyword}' of {remaining.Count} schemas";
        Report(DiagnosticDescriptors.UnsupportedSchema, pointer, construct, pointer, "JsonElement");
        return JsonElementType.AsNullable(nullable);
    }

    /// <summary>
    /// A value sent either way, <c>"42"</c> or <c>42</c> (an id a client may write as text or as a number): one struct that
    /// keeps the form it came in, rather than a <see cref="JsonElement"/> every caller must take apart.
    /// </summary>
    private const SchemaTypes StringOrInteger = SchemaTypes.String | SchemaTypes.Integer;

    /// <summary>A schema that is just a type (and maybe a format): <c>{ type: string }</c>.</summary>
    private static bool IsPlainType(SchemaNode schema) =>
        !schema.IsReference && schema.Type is { } type && (type & (SchemaTypes.Object | SchemaTypes.Array)) == 0
        && schema.Properties is null && schema.AllOf is null && schema.OneOf is null && schema.AnyOf is null && schema.Enum is null;

    /// <summary>"integer or string".</summary>
    private static string TypeNames(SchemaTypes types) => types.ToString().ToLowerInvariant().Replace(", ", " or ");

    /// <summary>
    /// Null is allowed by the type, or by a <c>nullable: true</c> beside <c>allOf</c>/<c>oneOf</c> or a <c>$ref</c>
    /// with no type of its own: drf-spectacular writes exactly that for every nullable reference.
    /// </summary>
    private static bool IsNullable(SchemaNode schema) =>
        (schema.Type is { } type && (type & SchemaTypes.Null) != 0)
        || (schema.Type is null && schema.IsMarkedNullable);

    /// <summary>
    /// The schema a reference or wrapper stands for, for questions about its shape: <c>$ref</c>s, <c>allOf</c> of one
    /// significant part, and <c>oneOf</c>/<c>anyOf</c> of one schema besides null are looked through, in a loop (a
    /// chain of wrappers may be long) that stops where one repeats.
    /// </summary>
    private static SchemaNode Unwrap(SchemaNode schema)
    {
        var current = schema;
        HashSet<SchemaNode>? visited = null;
        for (var hops = 0; WrappedBy(current) is { } inner; hops++)
        {
            // Most chains are a hop or two: the set that catches a loop is made only for longer ones.
            if (hops >= 8 && !(visited ??= new HashSet<SchemaNode>(ReferenceComparer<SchemaNode>.Instance)).Add(inner))
            {
                break;
            }

            current = inner;
        }

        return current;
    }

    /// <summary>The one schema <paramref name="schema"/> wraps, or null when it is a schema of its own.</summary>
    private static SchemaNode? WrappedBy(SchemaNode schema)
    {
        if (schema.IsReference)
        {
            return schema.Target;
        }

        if (schema.Properties is { Count: > 0 } || schema.Type is { } type && (type & ~SchemaTypes.Null) != 0)
        {
            return null;
        }

        if (schema.AllOf is { Count: > 0 } allOf)
        {
            var parts = SignificantParts(allOf);
            return parts.Count == 1 ? parts[0].Schema : null;
        }

        SchemaNode? single = null;
        foreach (var member in schema.OneOf ?? schema.AnyOf ?? [])
        {
            if (member is null || IsNullOnly(member))
            {
                continue;
            }

            if (single is not null)
            {
                return null;
            }

            single = member;
        }

        return single;
    }

    /// <summary>The schema a reference points to, for questions about its shape.</summary>
    private static SchemaNode Resolve(SchemaNode schema) => schema is { IsReference: true, Target: { } target } ? target : schema;

    private static bool IsJsonNull(SpecNode? value) => LenientRead.Kind(value) == JsonValueKind.Null;

    private static bool IsStringEnum(SchemaNode schema)
    {
        if (schema.IsReference || schema.Enum is not { Count: > 0 } values)
        {
            return false;
        }

        var anyString = false;
        foreach (var value in values)
        {
            if (IsJsonNull(value))
            {
                continue;
            }

            if (value!.GetValueKind() != JsonValueKind.String)
            {
                return false;
            }

            anyString = true;
        }

        return anyString;
    }

    /// <summary>A schema that admits only null: <c>enum: [null]</c> (drf-spectacular's NullEnum) or <c>type: 'null'</c>.</summary>
    private static bool IsNullOnly(SchemaNode schema) =>
        (Resolve(schema).Enum is { Count: > 0 } values && values.All(IsJsonNull))
        || schema.Type == SchemaTypes.Null;

    /// <summary>A schema that admits only the empty string: drf-spectacular's BlankEnum.</summary>
    private static bool IsBlankOnly(SchemaNode schema) =>
        Resolve(schema).Enum is { Count: > 0 } values
        && values.All(v => IsJsonNull(v) || (v is SpecValue { Text.Length: 0 } text && text.GetValueKind() == JsonValueKind.String));

    /// <summary>The <c>allOf</c> parts that contribute something: drf-spectacular pads some with empty schemas.</summary>
    private static List<(SchemaNode Schema, int Index)> SignificantParts(IReadOnlyList<SchemaNode?> parts)
    {
        var result = new List<(SchemaNode, int)>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            if (part is null)
            {
                continue;
            }

            var isEmpty = !part.IsReference
                && part.Type is null
                && part.Properties is not { Count: > 0 }
                && part.AllOf is not { Count: > 0 }
                && part.OneOf is not { Count: > 0 }
                && part.AnyOf is not { Count: > 0 }
                && part.Enum is not { Count: > 0 }
                && part.Items is null
                && part.AdditionalProperties is null;
            if (!isEmpty)
            {
                result.Add((part, i));
            }
        }

        return result;
    }

    private static string? DefaultText(SpecNode? value) => value?.ToJsonString();
}
