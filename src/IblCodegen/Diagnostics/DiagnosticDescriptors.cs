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

    public static readonly DiagnosticDescriptor RuleViolation = new(
        id: "IBL0008",
        title: "The OpenAPI document breaks a rule of the specification",
        messageFormat: "{0}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnresolvedReference = new(
        id: "IBL0004",
        title: "A $ref points nowhere",
        messageFormat: "The reference '{0}' does not resolve within this document; {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedSchema = new(
        id: "IBL0005",
        title: "A schema construct has no exact C# form",
        messageFormat: "{0} at '{1}' has no exact C# form; it is generated as {2}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateHintName = new(
        id: "IBL0006",
        title: "Two spec files share a name",
        messageFormat: "The spec file '{0}' would give its generated code the names '{1}' gives its own, and is left out; rename one of them",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidPermissions = new(
        id: "IBL0007",
        title: "x-ibl-permissions is not a list of permission names",
        messageFormat: "The x-ibl-permissions of operation '{0}' must be a list of permission names (identifiers); it is ignored",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NestedTooDeep = new(
        id: "IBL0009",
        title: "A schema is nested too deep",
        messageFormat: "{0} at '{1}' goes deeper than {2} levels; it is generated as JsonElement",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvisibleCharacter = new(
        id: "IBL0010",
        title: "Spec text holds an invisible or bidirectional control character",
        messageFormat: "The text at '{0}' holds the invisible character U+{1}, which can make code read differently from what it does; it is left out of C# names and written as an escape in comments and strings",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnmatchedSelection = new(
        id: "IBL0011",
        title: "A selection entry matches no operation",
        messageFormat: "The spec item's {0} entry '{1}' matches no operation of the spec ({2})",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor SharedTitle = new(
        id: "IBL0012",
        title: "Two specs would give their code the same names",
        messageFormat: "The spec '{0}' would name its code as '{1}' does (namespace {2}, {3}Client: both are titled \"{4}\"), so its code is named after its file: namespace {5}, {6}Client; set Namespace and TypePrefix on its IblOpenApiSpec item to choose names of your own",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ServerOnlyWithoutLibrary = new(
        id: "IBL0013",
        title: "A server-only spec's types are in no referenced assembly",
        messageFormat: "The spec '{0}' is set to Generate=\"Server\", but no referenced assembly declares {1}: reference the library that generates the spec's models and client from the same spec (without Generate=\"Server\"), with the same Namespace and TypePrefix",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor LibraryOfAnotherVersion = new(
        id: "IBL0014",
        title: "A server-only spec's library was generated from another version",
        messageFormat: "The spec '{0}' is version {1}, but the library {2} was generated from version {3}: build both from the same spec file",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnknownGenerate = new(
        id: "IBL0015",
        title: "Unknown Generate value",
        messageFormat: "Generate=\"{0}\" on the spec '{1}' is not known: use All (the default), Library or Server; everything is generated",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor EndpointLibraryWithoutAspNetCore = new(
        id: "IBL0016",
        title: "An endpoint library does not reference ASP.NET Core",
        messageFormat: "Generate=\"Library\" on the spec '{0}' generates endpoints, which need ASP.NET Core: add <FrameworkReference Include=\"Microsoft.AspNetCore.App\" /> to the project (and leave IblCodegenEmitServer unset); only the models, JSON context, spec info and client are generated",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor MissingHandler = new(
        id: "IBL0101",
        title: "A selected operation has no handler",
        messageFormat: "Operation '{0}' ({1} {2}) has no handler: write '{3}' in {4}, or set StubMissingHandlers = true on its [OpenApiHandlers] to answer 501 until then",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnknownHandlerSpec = new(
        id: "IBL0102",
        title: "The handler class names no spec of this project",
        messageFormat: "{0} asks for the spec '{1}', but the project's specs are: {2}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidHandlerClass = new(
        id: "IBL0103",
        title: "A handler class must be a top-level, non-static partial class",
        messageFormat: "{0} must be a top-level, non-static, non-generic partial class to receive generated handlers, but {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor StaleHandler = new(
        id: "IBL0104",
        title: "A handler implements no selected operation",
        messageFormat: "{0}.{1} implements no selected operation of \"{2}\" {3}: the operation was removed or renamed, or is no longer selected; delete the method or select its operation",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor StubbedHandler = new(
        id: "IBL0105",
        title: "An operation answers 501 until its handler is written",
        messageFormat: "Operation '{0}' ({1} {2}) answers 501 Not Implemented until {3} has '{4}'",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnmatchedHandlerSelection = new(
        id: "IBL0106",
        title: "A handler class's selection entry matches no operation",
        messageFormat: "{0}'s {1} entry '{2}' matches no operation of \"{3}\" ({4})",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor WrongHandlerSignature = new(
        id: "IBL0107",
        title: "A handler's signature is not its operation's",
        messageFormat: "{0} handles operation '{1}' ({2} {3}) but its signature is not the operation's (parameters in order: path, then required, then optional, each by name): expected '{4}', found '{5}'",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor HandlerNotPartial = new(
        id: "IBL0108",
        title: "A handler method must be partial",
        messageFormat: "{0} handles operation '{1}' ({2} {3}) but is not partial: declare it '{4}'",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor RenamedOperation = new(
        id: "IBL0109",
        title: "A handler's operation was renamed",
        messageFormat: "{0} implements no operation of \"{1}\" {2}, and '{3}' ({4} {5}), which takes the same parameters, has no handler: the operation was probably renamed from {0} to {6}; rename the method",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor OperationsOutsideEndpointLibrary = new(
        id: "IBL0110",
        title: "A handler class selects operations its endpoint library does not hold",
        messageFormat: "{0} selects {1} operation(s) of \"{2}\" that the referenced endpoint library ({3}) does not hold, so nothing is generated for them: {4}; add them to the library's selection (Tags, Operations or PathPrefixes on its IblOpenApiSpec item), or leave them out of {0}'s",
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
        UnreadableSpec, NotOpenApi, InvalidOpenApi, RuleViolation, UnresolvedReference, UnsupportedSchema, DuplicateHintName, InvalidPermissions,
        NestedTooDeep, InvisibleCharacter, UnmatchedSelection, SharedTitle, ServerOnlyWithoutLibrary, LibraryOfAnotherVersion, UnknownGenerate,
        EndpointLibraryWithoutAspNetCore,
        MissingHandler, UnknownHandlerSpec, InvalidHandlerClass, StaleHandler, StubbedHandler, UnmatchedHandlerSelection,
        WrongHandlerSignature, HandlerNotPartial, RenamedOperation, InternalError,
    ];

    public static DiagnosticDescriptor ById(string id) =>
        Array.Find(All, d => d.Id == id) ?? throw new ArgumentException($"Unknown diagnostic id '{id}'.", nameof(id));
}
