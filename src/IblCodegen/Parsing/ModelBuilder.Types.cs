using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using IblCodegen.Model;
using IblCodegen.Model.Naming;
using IblCodegen.Parsing.Tree;

namespace IblCodegen.Parsing;

/// <summary>Builds the declared types: classes, enums and the classes that extend the paged envelope.</summary>
internal sealed partial class ModelBuilder
{
    private ObjectTypeSpec BuildObject(SchemaNode schema, string name, string pointer)
    {
        var members = new MemberCollector(this, name, [name, .. ReservedNames.ObjectMembers]);
        TypeRef? baseType = null;

        // System.Text.Json carries the discriminator itself: no class of a family may declare it as a property.
        // A discriminator without subtypes stays an ordinary property, so its value is not lost.
        var discriminator = DiscriminatorOf(schema);
        var derivedTypes = discriminator is null ? EquatableArray<DerivedTypeSpec>.Empty : DerivedTypesOf(schema, name);
        if (derivedTypes.Count == 0)
        {
            discriminator = null;
        }
        else
        {
            members.Skip(discriminator!);
        }

        if (schema.AllOf is { Count: > 0 } allOf)
        {
            var parts = SignificantParts(allOf);
            var first = true;
            foreach (var (part, index) in parts)
            {
                var partPointer = JsonPointer.Append(JsonPointer.Append(pointer, "allOf"), index);
                if (part.ReferenceId is { } id && _components.TryGetValue(id, out var component))
                {
                    if (first && component.TypeName is not null && component.Kind is ComponentKind.Object or ComponentKind.Page)
                    {
                        // The first referenced class becomes the base class; its members are inherited, not repeated.
                        baseType = TypeRef.Declared(_identity.Namespace, component.TypeName, isValueType: false);
                        members.Inherit(component.Schema);
                        if (DiscriminatingAncestor(component) is { } root && DerivedTypesOf(root.Schema, root.TypeName!).Count > 0)
                        {
                            members.Skip(DiscriminatorOf(root.Schema)!);
                        }
                    }
                    else
                    {
                        members.AddFrom(component.Schema, component.Pointer);
                    }
                }
                else if (part.IsReference)
                {
                    MapReference(part, partPointer, name);
                }
                else
                {
                    members.AddFrom(part, partPointer);
                }

                first = false;
            }
        }

        members.AddFrom(schema, pointer);
        return new ObjectTypeSpec(
            name,
            schema.Description,
            pointer,
            baseType,
            PageLinkStyle.NextPrevious,
            members.ToEquatableArray(),
            discriminator,
            derivedTypes);
    }

    /// <summary>The discriminator property of a schema that declares one.</summary>
    private static string? DiscriminatorOf(SchemaNode schema) => schema.DiscriminatorProperty;

    /// <summary>The component of a family that declares its discriminator (this one or a base); null when none does.</summary>
    private Component? DiscriminatingAncestor(Component component)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        for (Component? current = component; current is not null && visited.Add(current.Key); current = BaseComponentOf(current.Schema))
        {
            if (DiscriminatorOf(current.Schema) is not null)
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>The component a schema extends: the first referenced class of its <c>allOf</c>.</summary>
    private Component? BaseComponentOf(SchemaNode schema)
    {
        if (schema.AllOf is not { Count: > 0 } allOf)
        {
            return null;
        }

        var first = SignificantParts(allOf).Select(p => p.Schema).FirstOrDefault();
        return first is { ReferenceId: { } id } && _components.TryGetValue(id, out var component)
            && component.TypeName is not null && component.Kind is ComponentKind.Object ? component : null;
    }

    /// <summary>
    /// The subtypes of a polymorphic base: components extending it through <c>allOf</c>, each selected by its
    /// <c>discriminator.mapping</c> value, or by its schema name where the mapping does not list it (the spec's default).
    /// </summary>
    private EquatableArray<DerivedTypeSpec> DerivedTypesOf(SchemaNode schema, string name)
    {
        var byComponent = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in schema.DiscriminatorMapping())
        {
            if (!byComponent.ContainsKey(pair.Value))
            {
                byComponent[pair.Value] = pair.Key;
            }
        }

        var derived = new List<DerivedTypeSpec>();
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var component in _components.Values)
        {
            if (component.TypeName is null || component.TypeName == name || BaseComponentOf(component.Schema) is not { } baseComponent
                || baseComponent.TypeName != name)
            {
                continue;
            }

            var value = byComponent.TryGetValue(component.Key, out var mapped) ? mapped : component.Key;
            if (values.Add(value))
            {
                derived.Add(new DerivedTypeSpec(TypeRef.Declared(_identity.Namespace, component.TypeName, isValueType: false), value));
            }
        }

        return derived.ToEquatableArray();
    }

    /// <summary>An enum struct may not be named like a member it declares (CS0542): "Value" becomes "ValueEnum".</summary>
    private static string EnumTypeName(string name) => Array.IndexOf(ReservedNames.EnumMembers, name) >= 0 ? name + "Enum" : name;

    private EnumTypeSpec BuildEnum(SchemaNode schema, string name, string pointer)
    {
        var names = new NameScope([name, .. ReservedNames.EnumMembers]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var members = new List<EnumMemberSpec>();
        foreach (var value in schema.Enum!)
        {
            if (value is not SpecValue { Text: var text } || value.GetValueKind() != JsonValueKind.String)
            {
                continue;
            }

            if (seen.Add(text))
            {
                members.Add(new EnumMemberSpec(names.Claim(Identifiers.ToPascalCase(text, "Empty")), text));
            }
        }

        return new EnumTypeSpec(name, schema.Description, pointer, members.ToEquatableArray());
    }

    /// <summary>A paginated list with fields beyond count, links and results: a class extending the envelope.</summary>
    private ObjectTypeSpec BuildPageSubclass(SchemaNode schema, string name, string pointer)
    {
        TryGetPageShape(schema, out var shape);
        var envelope = MapPlainPage(schema, pointer, name);
        var members = new MemberCollector(this, name, [name, .. ReservedNames.ObjectMembers, .. ReservedNames.PageMembers]);
        members.Skip("count", "results", "next", "previous", "next_page", "previous_page");
        members.AddFrom(schema, pointer);
        return new ObjectTypeSpec(name, schema.Description, pointer, envelope, shape.LinkStyle, members.ToEquatableArray());
    }

    private TypeRef MapPlainPage(SchemaNode schema, string pointer, string nameHint)
    {
        var resultsPointer = JsonPointer.Append(JsonPointer.Append(pointer, "properties"), "results");
        var item = Map(schema.Property("results")?.Items, JsonPointer.Append(resultsPointer, "items"), nameHint + "Item");
        return TooDeep(item, pointer, "A page")
            ? JsonElementType
            : TypeRef.Page(_identity.Namespace, item);
    }

    private static bool HasPageExtras(SchemaNode schema) => schema.Properties!.Count > 4;

    private readonly record struct PageShape(PageLinkStyle LinkStyle);

    /// <summary>
    /// A paginated list: <c>count</c> (integer), <c>results</c> (array) and a pair of links, either
    /// <c>next</c>/<c>previous</c> or <c>next_page</c>/<c>previous_page</c> (URLs or page numbers).
    /// </summary>
    /// <remarks>
    /// Not when <c>count</c> or <c>results</c> is <c>readOnly</c>: the envelope requires both, and a schema that says
    /// the server owns them is meant to be sent too (the published spec's <c>PaginatedSkill</c> is
    /// <c>catalog_skills_create</c>'s request body), where a read-only member is never required. It stays a class,
    /// whose read-only members are optional.
    /// </remarks>
    private static bool TryGetPageShape(SchemaNode schema, out PageShape shape)
    {
        shape = default;
        if (schema?.Properties is null
            || schema.AllOf is { Count: > 0 } || schema.OneOf is { Count: > 0 } || schema.AnyOf is { Count: > 0 }
            || TypeOf(schema.Property("count")) != SchemaTypes.Integer
            || TypeOf(schema.Property("results")) != SchemaTypes.Array
            || schema.Property("count")!.ReadOnly
            || schema.Property("results")!.ReadOnly)
        {
            return false;
        }

        if (schema.Property("next") is { } next && schema.Property("previous") is { } previous)
        {
            shape = new PageShape(PageLinkStyle.NextPrevious);
            return TypeOf(next) == SchemaTypes.String && TypeOf(previous) == SchemaTypes.String;
        }

        if (schema.Property("next_page") is { } nextPage && schema.Property("previous_page") is { } previousPage)
        {
            var linkType = TypeOf(nextPage);
            if (linkType != TypeOf(previousPage))
            {
                return false;
            }

            shape = new PageShape(linkType == SchemaTypes.Integer ? PageLinkStyle.NextPagePreviousPageNumbers : PageLinkStyle.NextPagePreviousPage);
            return linkType is SchemaTypes.String or SchemaTypes.Integer;
        }

        return false;
    }

    private static SchemaTypes? TypeOf(SchemaNode? schema) => schema?.Type & ~SchemaTypes.Null;

    /// <summary>
    /// Gathers the properties of one class from its schema and the schemas it merges (<c>allOf</c>), giving each a
    /// unique C# name and skipping JSON names already taken (by an earlier part, or by the base class).
    /// </summary>
    private sealed class MemberCollector(ModelBuilder builder, string typeName, string[] reservedNames)
    {
        private readonly NameScope _names = new(reservedNames);
        private readonly HashSet<string> _jsonNames = new(StringComparer.Ordinal);
        private readonly List<PropertySpec> _properties = [];

        public void Skip(params string[] jsonNames)
        {
            foreach (var jsonName in jsonNames)
            {
                _jsonNames.Add(jsonName);
            }
        }

        /// <summary>
        /// Marks the members of a base class (and of its own bases and merged parts) as taken, in document order,
        /// walked with a stack of its own: the parts may chain further than recursion could safely follow.
        /// </summary>
        public void Inherit(SchemaNode schema)
        {
            var visited = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<SchemaNode>();
            pending.Push(schema);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                if (current.Properties is { } properties)
                {
                    foreach (var jsonName in properties.Select(p => p.Key))
                    {
                        if (_jsonNames.Add(jsonName))
                        {
                            _names.Claim(PropertyName(jsonName));
                        }
                    }
                }

                var parts = current.AllOf ?? [];
                for (var i = parts.Count - 1; i >= 0; i--)
                {
                    if (parts[i] is not { } part)
                    {
                        continue;
                    }

                    var target = part.IsReference ? part.Target : part;
                    var key = part.ReferenceId;
                    if (target is not null && (key is null || visited.Add(key)))
                    {
                        pending.Push(target);
                    }
                }
            }
        }

        public void AddFrom(SchemaNode schema, string pointer)
        {
            if (schema.Properties is not { } properties)
            {
                return;
            }

            var required = schema.Required;
            var propertiesPointer = JsonPointer.Append(pointer, "properties");
            foreach (var pair in properties)
            {
                var jsonName = pair.Key;
                var property = pair.Value;
                if (!_jsonNames.Add(jsonName))
                {
                    continue;
                }

                var name = _names.Claim(PropertyName(jsonName));
                var propertyPointer = JsonPointer.Append(propertiesPointer, jsonName);
                var type = builder.Map(property, propertyPointer, typeName + Identifiers.ToPascalCase(jsonName));

                // The same schema serves request bodies, where the server owns read-only members and responses omit
                // write-only ones: neither can be demanded of every JSON document.
                // A wrapper (allOf: [$ref], …) says what the schema it wraps says, unless it says it itself, as a
                // bare $ref does; its own readOnly (the usual reason to wrap a reference) adds to the target's.
                var shape = Unwrap(property);
                var isReadOnly = property.ReadOnly || shape.ReadOnly;
                var isRequired = required.Contains(jsonName) && !isReadOnly && !property.WriteOnly && !shape.WriteOnly;
                _properties.Add(new PropertySpec(
                    JsonName: jsonName,
                    Name: name,
                    Type: type.AsNullable(!isRequired),
                    IsRequired: isRequired,
                    Summary: property.Description ?? shape.Description,
                    DefaultValue: DefaultText(property.Default ?? shape.Default),
                    IsReadOnly: isReadOnly,
                    IsDeprecated: property.Deprecated || shape.Deprecated));
            }
        }

        public EquatableArray<PropertySpec> ToEquatableArray() => _properties.ToEquatableArray();

        /// <summary>A property may not share its class's name (CS0542) nor an inherited member's: such names take "Value".</summary>
        private string PropertyName(string jsonName)
        {
            var name = Identifiers.ToPascalCase(jsonName);
            return name == typeName || Array.IndexOf(reservedNames, name) >= 0 ? name + "Value" : name;
        }
    }
}
