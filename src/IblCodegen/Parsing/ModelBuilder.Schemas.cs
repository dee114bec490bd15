using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using IblCodegen.Diagnostics;
using IblCodegen.Model;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace IblCodegen.Parsing;

/// <summary>Maps schemas onto C# types.</summary>
internal sealed partial class ModelBuilder
{
    private static readonly CSharpType JsonElementType = new(KnownTypes.JsonElement, IsValueType: true, IsNullable: false);

    private ComponentKind Classify(IOpenApiSchema schema)
    {
        if (schema is OpenApiSchemaReference)
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
    private CSharpType Map(IOpenApiSchema? schema, string pointer, string nameHint)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (schema is null)
        {
            return JsonElementType;
        }

        if (schema is OpenApiSchemaReference reference)
        {
            return MapReference(reference, pointer, nameHint);
        }

        var nullable = IsNullable(schema, pointer);
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
    private CSharpType DeclareInline(IOpenApiSchema schema, string nameHint, System.Func<string, TypeSpec> build, bool isValueType)
    {
        if (!_inlineTypes.TryGetValue(schema, out var type))
        {
            var name = _typeNames.Claim(nameHint);
            type = new CSharpType(Qualified(name), isValueType, IsNullable: false);
            _inlineTypes.Add(schema, type);
            _types.Add(build(name));
        }

        return type;
    }

    private CSharpType MapByType(IOpenApiSchema schema, string pointer, string nameHint)
    {
        var type = schema.Type is { } declared ? declared & ~JsonSchemaType.Null : (JsonSchemaType?)null;
        switch (type)
        {
            case JsonSchemaType.String:
                return MapString(schema.Format);
            case JsonSchemaType.Integer:
                return schema.Format == "int64" ? new(KnownTypes.Long, true, false) : new(KnownTypes.Int, true, false);
            case JsonSchemaType.Number:
                return schema.Format switch
                {
                    "float" => new(KnownTypes.Float, true, false),
                    "decimal" => new(KnownTypes.Decimal, true, false),
                    _ => new(KnownTypes.Double, true, false),
                };
            case JsonSchemaType.Boolean:
                return new(KnownTypes.Bool, true, false);
            case JsonSchemaType.Array:
            {
                var items = Map(schema.Items, JsonPointer.Append(pointer, "items"), nameHint + "Item");
                return new(KnownTypes.ReadOnlyList(items.WithNullability(items.IsNullable)), false, false);
            }

            case JsonSchemaType.Object or null when schema.AdditionalProperties is { } valueSchema:
            {
                var value = Map(valueSchema, JsonPointer.Append(pointer, "additionalProperties"), nameHint + "Value");
                return new(KnownTypes.ReadOnlyDictionary(value.WithNullability(value.IsNullable)), false, false);
            }

            case JsonSchemaType.Object or null:
                // A free-form object, or a schema that allows anything: kept as the JSON it is.
                return JsonElementType;

            default:
                // Several types at once (OpenAPI 3.1 "type: [string, integer]", or a oneOf of plain types).
                var names = type.ToString().ToLowerInvariant().Replace(", ", " or ");
                Report(DiagnosticDescriptors.UnsupportedSchema, pointer, $"A value that is {names}", pointer, "JsonElement");
                return JsonElementType;
        }
    }

    private static CSharpType MapString(string? format) => format switch
    {
        "date" => new(KnownTypes.DateOnly, true, false),
        "date-time" => new(KnownTypes.DateTimeOffset, true, false),
        "uuid" => new(KnownTypes.Guid, true, false),
        "byte" => new(KnownTypes.ByteArray, false, false),

        // A file's content: only a form body can carry it as such (a multipart file part).
        "binary" => new(KnownTypes.ByteArray, false, false),
        _ => new(KnownTypes.String, false, false),
    };

    private CSharpType MapReference(OpenApiSchemaReference reference, string pointer, string nameHint)
    {
        var id = reference.Reference.Id;
        if (reference.Target is null
            && _raw.Find(pointer) is JsonObject { } raw && raw.TryGetPropertyValue("$ref", out var refNode)
            && refNode?.ToString() is { } localRef && localRef.StartsWith("#/", System.StringComparison.Ordinal)
            && !localRef.StartsWith("#/components/schemas/", System.StringComparison.Ordinal))
        {
            return MapLocalPointer(localRef, pointer, nameHint);
        }

        if (reference.Target is null || id is null || !_components.TryGetValue(id, out var component))
        {
            var target = reference.Reference.ReferenceV3 ?? id ?? "?";
            Report(DiagnosticDescriptors.UnresolvedReference, JsonPointer.Append(pointer, "$ref"), target, pointer);
            return JsonElementType;
        }

        var type = MapComponent(component);
        return type.AsNullable(IsNullable(component.Schema, component.Pointer));
    }

    /// <summary>
    /// A <c>$ref</c> to a schema elsewhere in the document (<c>#/paths/…/schema/properties/x</c>): valid JSON Pointer,
    /// though Microsoft.OpenApi follows only component references. The schema is read from the raw tree and
    /// mapped like an inline one, once per target; a target that refers back to itself becomes JsonElement.
    /// </summary>
    private CSharpType MapLocalPointer(string target, string pointer, string nameHint)
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

        if (_raw.Find(target) is not JsonObject node)
        {
            Report(DiagnosticDescriptors.UnresolvedReference, JsonPointer.Append(pointer, "$ref"), target, pointer);
            return JsonElementType;
        }

        _pointerTypes[target] = null;
        var schema = new OpenApiJsonReader().ReadFragment<OpenApiSchema>(node.DeepClone(), _version, _document, out _);
        var mapped = schema is null ? JsonElementType : Map(schema, target, nameHint);
        _pointerTypes[target] = mapped;
        return mapped;
    }

    private CSharpType MapComponent(Component component)
    {
        if (component.TypeName is { } typeName)
        {
            return new CSharpType(Qualified(typeName), IsValueType: component.Kind is ComponentKind.Enum, IsNullable: false);
        }

        if (component.Resolved is { } resolved)
        {
            return resolved;
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
        type = type with { IsNullable = false };
        component.Resolved = type;
        return type;
    }

    /// <summary>
    /// <c>oneOf</c>/<c>anyOf</c>. drf-spectacular writes nullable and blank-able enums as
    /// <c>oneOf: [TheEnum, BlankEnum, NullEnum]</c>: those collapse to the enum, nullable. A real union becomes
    /// <see cref="JsonElement"/> for now, with a diagnostic naming it.
    /// </summary>
    private CSharpType MapUnion(IOpenApiSchema schema, string pointer, string nameHint)
    {
        var keyword = schema.OneOf is { Count: > 0 } ? "oneOf" : "anyOf";
        var members = (schema.OneOf is { Count: > 0 } ? schema.OneOf : schema.AnyOf)!;
        var nullable = false;
        var remaining = new List<(IOpenApiSchema Schema, int Index)>();
        for (var i = 0; i < members.Count; i++)
        {
            if (members[i] is null)
            {
                continue;
            }

            if (IsNullOnly(members[i]))
            {
                nullable = true;
            }
            else
            {
                remaining.Add((members[i], i));
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

        Report(DiagnosticDescriptors.UnsupportedSchema, pointer, $"A '{keyword}' of {remaining.Count} schemas", pointer, "JsonElement");
        return JsonElementType.AsNullable(nullable);
    }

    private bool IsNullable(IOpenApiSchema schema, string pointer) =>
        (schema.Type is { } type && (type & JsonSchemaType.Null) != 0)
        || (schema.Type is null && _raw.IsMarkedNullable(pointer));

    /// <summary>The schema a reference points to, for questions about its shape.</summary>
    private static IOpenApiSchema Resolve(IOpenApiSchema schema) =>
        schema is OpenApiSchemaReference { Target: { } target } ? target : schema;

    /// <summary>Microsoft.OpenApi keeps a JSON null inside lists as a sentinel value, not as a C# null.</summary>
    private static bool IsJsonNull(JsonNode? value) =>
        value is null || JsonNullSentinel.IsJsonNullSentinel(value) || value.GetValueKind() == JsonValueKind.Null;

    private static bool IsStringEnum(IOpenApiSchema schema)
    {
        if (schema is OpenApiSchemaReference || schema.Enum is not { Count: > 0 } values)
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
    private static bool IsNullOnly(IOpenApiSchema schema) =>
        (Resolve(schema).Enum is { Count: > 0 } values && values.All(IsJsonNull))
        || schema.Type == JsonSchemaType.Null;

    /// <summary>A schema that admits only the empty string: drf-spectacular's BlankEnum.</summary>
    private static bool IsBlankOnly(IOpenApiSchema schema) =>
        Resolve(schema).Enum is { Count: > 0 } values
        && values.All(v => IsJsonNull(v) || (v!.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0));

    /// <summary>The <c>allOf</c> parts that contribute something: drf-spectacular pads some with empty schemas.</summary>
    private static List<(IOpenApiSchema Schema, int Index)> SignificantParts(IList<IOpenApiSchema> parts)
    {
        var result = new List<(IOpenApiSchema, int)>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            if (part is null)
            {
                continue;
            }

            var isEmpty = part is not OpenApiSchemaReference
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

    private static string? DefaultText(JsonNode? value) => value?.ToJsonString();
}
