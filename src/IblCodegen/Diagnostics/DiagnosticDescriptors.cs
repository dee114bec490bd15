using System;
using Microsoft.CodeAnalysis;

namespace IblCodegen.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. IDs are stable: they are documented in the README and tracked in
/// AnalyzerReleases.*.md, so never renumber one.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "IblCodegen";

    public static readonly DiagnosticDescriptor UnreadableSpec = new(
        id: "IBL0001",
        title: "The spec file could not be read",
        messageFormat: "The spec file '{0}' is not valid YAML or JSON: {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NotOpenApi = new(
        id: "IBL0002",
        title: "The spec file is not an OpenAPI document",
        messageFormat: "The spec file '{0}' is not an OpenAPI document: {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidOpenApi = new(
        id: "IBL0003",
        title: "The OpenAPI document is invalid",
        messageFormat: "{0}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnresolvedReference = new(
        id: "IBL0004",
        title: "A $ref points nowhere",
        messageFormat: "The reference '{0}' does not resolve to a schema of this document; '{1}' is generated as JsonElement",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedSchema = new(
        id: "IBL0005",
        title: "A schema construct has no exact C# form",
        messageFormat: "{0} at '{1}' has no exact C# form; it is generated as {2}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateHintName = new(
        id: "IBL0006",
        title: "Two spec files share a name",
        messageFormat: "The spec file '{0}' has the same file name as another spec of this project; rename one of them",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InternalError = new(
        id: "IBL0999",
        title: "The generator failed",
        messageFormat: "IblCodegen could not process '{0}': {1}. Please report this with the spec file.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    private static readonly DiagnosticDescriptor[] All =
    [
        UnreadableSpec, NotOpenApi, InvalidOpenApi, UnresolvedReference, UnsupportedSchema, DuplicateHintName, InternalError,
    ];

    public static DiagnosticDescriptor ById(string id) =>
        Array.Find(All, d => d.Id == id) ?? throw new ArgumentException($"Unknown diagnostic id '{id}'.", nameof(id));
}
