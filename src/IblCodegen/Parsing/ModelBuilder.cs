using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using IblCodegen.Diagnostics;
using IblCodegen.Model;
using IblCodegen.Model.Naming;
using IblCodegen.Parsing.Tree;
using Microsoft.CodeAnalysis;

namespace IblCodegen.Parsing;

/// <summary>
/// Builds the plain <see cref="SpecModel"/> from the spec's JSON tree (<see cref="SpecDocument"/>): one C# type per object or enum
/// schema, paged lists folded into the one generic envelope, everything else mapped onto framework types.
/// </summary>
/// <remarks>
/// Component schemas are classified first and their type names claimed in sorted order, so that references
/// (including recursive and mutually recursive ones) resolve by name before any member is built, and names do not
/// depend on the order in which references happen to be met.
/// </remarks>
internal sealed partial class ModelBuilder
{
    /// <summary>
    /// How deep mapping may recurse through one schema's nesting. The document's own nesting is bounded by the reader;
    /// this bounds chains the reader cannot see (local pointers leading to one another), well within a thread's stack.
    /// </summary>
    private const int MaxMapDepth = 128;

    /// <summary>How many type arguments may nest (a list of lists of …); past it a collection is JsonElement.</summary>
    private const int MaxTypeNesting = 32;

    /// <summary>How many classes an <c>allOf</c> inheritance chain may stack; a class deeper down is JsonElement.</summary>
    private const int MaxInheritanceDepth = 32;

    private readonly SpecDocument _document;
    private readonly CancellationToken _cancellationToken;
    private readonly NameScope _typeNames;
    private readonly Dictionary<string, Component> _components = new(StringComparer.Ordinal);
    private readonly List<TypeSpec> _types = [];
    private readonly Dictionary<SchemaNode, TypeRef> _inlineTypes = new(ReferenceComparer<SchemaNode>.Instance);

    /// <summary>Types of schemas reached through a <c>$ref</c> into the document outside components (null while being built).</summary>
    private readonly Dictionary<string, TypeRef?> _pointerTypes = new(StringComparer.Ordinal);
    private readonly SpecIdentity _identity;
    private int _mapDepth;
    private Dictionary<SchemaNode, Component>? _componentsBySchema;

    /// <summary>Diagnostics found while building, located all at once at the end (one pass over the text).</summary>
    private readonly List<(DiagnosticDescriptor Descriptor, string Pointer, string[] Args)> _pending = [];

    private ModelBuilder(SpecDocument document, SpecIdentity identity, CancellationToken cancellationToken)
    {
        _identity = identity;
        _document = document;
        _cancellationToken = cancellationToken;
        _typeNames = new NameScope([ReservedNames.PageType, ReservedNames.PageLinkType, ReservedNames.PageLinkStyleType, ReservedNames.StringOrIntegerType, .. identity.ReservedTypeNames]);
    }

    public static (SpecModel Model, List<DiagnosticInfo> Diagnostics) Build(
        SpecDocument document, JsonPointerLocator locator, SpecIdentity identity, string version, CancellationToken cancellationToken)
    {
        var builder = new ModelBuilder(document, identity, cancellationToken);
        var clients = builder.ClaimClientNames();
        builder.BuildComponents();
        builder.FindSharedParameterEnums();
        var operations = builder.BuildOperations();
        var types = builder._types.OrderBy(t => t.Name, StringComparer.Ordinal).ToEquatableArray();
        var usedTags = new HashSet<string>(operations.Select(o => o.Tag), StringComparer.Ordinal);
        var model = new SpecModel(identity, version, types, operations, builder.BuildSecuritySchemes(), clients.Where(c => usedTags.Contains(c.Tag)).ToEquatableArray());
        var locations = locator.LocateAll(builder._pending.Select(p => p.Pointer));
        var diagnostics = builder._pending.Select(p => DiagnosticInfo.Create(p.Descriptor, locations[p.Pointer], p.Args)).ToList();
        return (model, diagnostics);
    }

    private void BuildComponents()
    {
        var schemas = _document.Components is { } components ? LenientRead.Object(components, "schemas") : null;
        if (schemas is null)
        {
            return;
        }

        foreach (var pair in schemas.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var pointer = JsonPointer.Append("#/components/schemas", pair.Key);
            // A null schema (`Name: ~`) allows anything, like an empty one.
            var schema = _document.ComponentSchema(pair.Key)!;
            var component = new Component(pair.Key, schema, pointer, Classify(schema));
            _components.Add(pair.Key, component);
        }

        // Claim names before building members, so every reference resolves by name.
        foreach (var component in _components.Values)
        {
            if (component.Kind is ComponentKind.Object or ComponentKind.Enum
                || (component.Kind is ComponentKind.Page && HasPageExtras(component.Schema)))
            {
                var name = Identifiers.ToPascalCase(component.Key, "Schema");
                component.TypeName = _typeNames.Claim(component.Kind is ComponentKind.Enum ? EnumTypeName(name) : name);
            }
        }

        CutDeepInheritance();
        foreach (var component in _components.Values)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            switch (component.Kind)
            {
                case ComponentKind.Object when component.IsCut:
                    break;
                case ComponentKind.Object:
                    _types.Add(BuildObject(component.Schema, component.TypeName!, component.Pointer));
                    break;
                case ComponentKind.Enum:
                    _types.Add(BuildEnum(component.Schema, component.TypeName!, component.Pointer));
                    break;
                case ComponentKind.Page when component.TypeName is not null:
                    _types.Add(BuildPageSubclass(component.Schema, component.TypeName, component.Pointer));
                    break;
                default:
                    // Aliases and plain pages have no type of their own; resolving them now reports their
                    // diagnostics and declares their inline types even when nothing refers to them.
                    ResolveAliasesBefore(component);
                    MapComponent(component);
                    break;
            }
        }
    }

    /// <summary>
    /// Measures every class's <c>allOf</c> inheritance chain, without recursion, and cuts the classes that stand more
    /// than <see cref="MaxInheritanceDepth"/> classes down: they become JsonElement (their JSON is kept), reported once
    /// per chain where the cut is made. Each class repeats its ancestors' members in its metadata, so an unbounded
    /// chain would generate text growing with the square of its length.
    /// </summary>
    private void CutDeepInheritance()
    {
        var depths = new Dictionary<string, int>(StringComparer.Ordinal);
        var chain = new List<Component>();
        var onChain = new HashSet<string>(StringComparer.Ordinal);
        foreach (var component in _components.Values)
        {
            if (component.Kind is not ComponentKind.Object || component.TypeName is null)
            {
                continue;
            }

            chain.Clear();
            onChain.Clear();
            var depth = -1;
            for (Component? current = component; current is not null; current = BaseComponentOf(current.Schema))
            {
                if (depths.TryGetValue(current.Key, out var known))
                {
                    depth = known;
                    break;
                }

                if (!onChain.Add(current.Key))
                {
                    // A loop of classes extending one another: counted from where it closes.
                    break;
                }

                chain.Add(current);
            }

            for (var i = chain.Count - 1; i >= 0; i--)
            {
                depths[chain[i].Key] = ++depth;
            }
        }

        foreach (var component in _components.Values)
        {
            if (depths.TryGetValue(component.Key, out var depth) && depth > MaxInheritanceDepth)
            {
                component.IsCut = true;
                if (depth == MaxInheritanceDepth + 1)
                {
                    Report(
                        DiagnosticDescriptors.NestedTooDeep,
                        JsonPointer.Append(component.Pointer, "allOf"),
                        $"The inheritance chain of '{component.Key}' (and of every schema extending it)",
                        component.Pointer,
                        MaxInheritanceDepth.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        foreach (var component in _components.Values)
        {
            if (component.IsCut)
            {
                component.TypeName = null;
            }
        }
    }

    /// <summary>The component whose schema <paramref name="schema"/> is, if any.</summary>
    private Component? ComponentOf(SchemaNode schema)
    {
        if (_componentsBySchema is null)
        {
            _componentsBySchema = new Dictionary<SchemaNode, Component>(ReferenceComparer<SchemaNode>.Instance);
            foreach (var component in _components.Values)
            {
                _componentsBySchema[component.Schema] = component;
            }
        }

        return _componentsBySchema.TryGetValue(schema, out var found) ? found : null;
    }

    private void Report(DiagnosticDescriptor descriptor, string pointer, params string[] messageArgs) =>
        _pending.Add((descriptor, pointer, messageArgs));

    private enum ComponentKind
    {
        /// <summary>An object schema: a class.</summary>
        Object,

        /// <summary>A string enum: a struct with the known values.</summary>
        Enum,

        /// <summary>A paginated list: the generic envelope, or a class extending it when the list has extra fields.</summary>
        Page,

        /// <summary>Anything else (primitives, arrays, maps, single-reference wrappers): used through the type it maps to.</summary>
        Alias,
    }

    private sealed class Component(string key, SchemaNode schema, string pointer, ComponentKind kind)
    {
        public string Key { get; } = key;

        public SchemaNode Schema { get; } = schema;

        public string Pointer { get; } = pointer;

        public ComponentKind Kind { get; } = kind;

        /// <summary>The declared type's name, for kinds that declare one.</summary>
        public string? TypeName { get; set; }

        /// <summary>What an alias or plain page resolved to; null until resolved.</summary>
        public TypeRef? Resolved { get; set; }

        /// <summary>Set while an alias is being resolved, to catch aliases that refer to themselves.</summary>
        public bool Resolving { get; set; }

        /// <summary>A class past the inheritance limit: used as JsonElement, never declared.</summary>
        public bool IsCut { get; set; }
    }
}
