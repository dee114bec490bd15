namespace IblCodegen.Model;

/// <summary>Everything the emitters need to know about one spec file.</summary>
/// <param name="Version">The document's <c>info.version</c>.</param>
/// <param name="Document">The spec's own document for the selected operations, as JSON, when the project serves it.</param>
internal sealed record SpecModel(
    SpecIdentity Identity,
    string Version,
    EquatableArray<TypeSpec> Types,
    EquatableArray<OperationSpec> Operations,
    EquatableArray<SecuritySchemeSpec> SecuritySchemes,
    EquatableArray<TagClientSpec> Clients,
    string? Document = null);

/// <summary>The diagnostics of one spec file, as a class for the reason <see cref="Naming.ShadowedSpecFiles"/> gives.</summary>
internal sealed record SpecDiagnostics(EquatableArray<DiagnosticInfo> Items);

/// <summary>The outcome of reading one spec file: a model when it could be built, and every diagnostic found on the way.</summary>
internal sealed record SpecResult(SpecModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
