using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using IblCodegen.Diagnostics;
using IblCodegen.Model;
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
    /// <summary>Names the emitters declare beside the schema types in the spec's namespace.</summary>
    public const string PageTypeName = "Page";
    public const string PageLinkTypeName = "PageLink";
    public const string PageLinkStyleTypeName = "PageLinkStyle";

    private readonly SpecDocument _document;
    private readonly CancellationToken _cancellationToken;
    private readonly string _namespacePrefix;
    private readonly NameScope _typeNames;
    private readonly Dictionary<string, Component> _components = new(StringComparer.Ordinal);
    private readonly List<TypeSpec> _types = [];
    private readonly Dictionary<SchemaNode, CSharpType> _inlineTypes = new(ReferenceComparer<SchemaNode>.Instance);

    /// <summary>Types of schemas reached through a <c>$ref</c> into the document outside components (null while being built).</summary>
    private readonly Dictionary<string, CSharpType?> _pointerTypes = new(StringComparer.Ordinal);
    private readonly SpecIdentity _identity;

    /// <summary>Diagnostics found while building, located all at once at the end (one pass over the text).</summary>
    private readonly List<(DiagnosticDescriptor Descriptor, string Pointer, string[] Args)> _pending = [];

    private ModelBuilder(SpecDocument document, SpecIdentity identity, CancellationToken cancellationToken)
    {
        _identity = identity;
        _document = document;
        _cancellationToken = cancellationToken;
        _namespacePrefix = "global::" + identity.Namespace + ".";
        _typeNames = new NameScope([PageTypeName, PageLinkTypeName, PageLinkStyleTypeName, .. identity.ReservedTypeNames]);
    }

    public static (SpecModel Model, List<DiagnosticInfo> Diagnostics) Build(
        SpecDocument document, JsonPointerLocator locator, SpecIdentity identity, CancellationToken cancellationToken)
    {
        var builder = new ModelBuilder(document, identity, cancellationToken);
        var clients = builder.ClaimClientNames();
        builder.BuildComponents();
        var operations = builder.BuildOperations();
        var types = builder._types.OrderBy(t => t.Name, StringComparer.Ordinal).ToEquatableArray();
        var usedTags = new HashSet<string>(operations.Select(o => o.Tag), StringComparer.Ordinal);
        var model = new SpecModel(identity, types, operations, builder.BuildSecuritySchemes(), clients.Where(c => usedTags.Contains(c.Tag)).ToEquatableArray());
        var locations = locator.LocateAll(builder._pending.Select(p => p.Pointer));
        var diagnostics = builder._pending.Select(p => DiagnosticInfo.Create(p.Descriptor, locations[p.Pointer], p.Args)).ToList();
        return (model, diagnostics);
    }

    private void BuildComponents()
    {
        var schemas = _document.Components is { } components ? JsonRead.Object(components, "schemas") : null;
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
                component.TypeName = _typeNames.Claim(Identifiers.ToPascalCase(component.Key, "Schema"));
            }
        }

        foreach (var component in _components.Values)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            switch (component.Kind)
            {
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
                    MapComponent(component);
                    break;
            }
        }
    }

    private void Report(DiagnosticDescriptor descriptor, string pointer, params string[] messageArgs) =>
        _pending.Add((descriptor, pointer, messageArgs));

    private string Qualified(string typeName) => _namespacePrefix + typeName;

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
        public CSharpType? Resolved { get; set; }

        /// <summary>Set while an alias is being resolved, to catch aliases that refer to themselves.</summary>
        public bool Resolving { get; set; }
    }
}
