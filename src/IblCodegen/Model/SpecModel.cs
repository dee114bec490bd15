namespace IblCodegen.Model;

/// <summary>Everything the emitters need to know about one spec file.</summary>
internal sealed record SpecModel(
    SpecIdentity Identity,
    EquatableArray<TypeSpec> Types,
    EquatableArray<OperationSpec> Operations,
    EquatableArray<SecuritySchemeSpec> SecuritySchemes);

/// <summary>One type together with the identity of its spec: the unit the pipeline fans out to, one file each.</summary>
internal sealed record TypeOutput(SpecIdentity Identity, TypeSpec Type);

/// <summary>The outcome of reading one spec file: a model when it could be built, and every diagnostic found on the way.</summary>
internal sealed record SpecResult(SpecModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
