namespace IblCodegen.Model;

/// <summary>Everything the emitters need to know about one spec file.</summary>
internal sealed record SpecModel(
    SpecIdentity Identity,
    EquatableArray<TypeSpec> Types,
    EquatableArray<OperationSpec> Operations,
    EquatableArray<SecuritySchemeSpec> SecuritySchemes,
    EquatableArray<TagClientSpec> Clients);

/// <summary>The outcome of reading one spec file: a model when it could be built, and every diagnostic found on the way.</summary>
internal sealed record SpecResult(SpecModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
