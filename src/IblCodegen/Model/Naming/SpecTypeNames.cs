using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace IblCodegen.Model.Naming;

/// <summary>
/// Specs that would give their code the same names: one namespace and one type prefix, as two versions of one spec
/// do (both titled "ibl-data-manager"). The first path in ordinal order keeps the names; each other one is named
/// after its file instead, for the parts the project did not set itself.
/// </summary>
internal static class SpecTypeNames
{
    public static SpecNameClashes Clashes(ImmutableArray<SpecIdentity> identities) =>
        new(SpecFileNames.Repeats(identities, i => i.SpecPath, i => (i.Namespace, i.TypePrefix))
            .Select(r => new SpecNameClash(r.Item.SpecPath, r.Kept))
            .ToEquatableArray());

    /// <summary>
    /// The file renamed: what the project left unset is taken from the file's name (<c>IblDataManager4904AiPlus</c>),
    /// which no other spec file of the project shares (IBL0006 sees to that).
    /// </summary>
    public static SpecFile Renamed(SpecFile file)
    {
        var fromFile = SpecFileNames.HintPrefix(file.Path);
        return file with
        {
            NamespaceOverride = string.IsNullOrWhiteSpace(file.NamespaceOverride) ? fromFile : file.NamespaceOverride,
            TypePrefixOverride = string.IsNullOrWhiteSpace(file.TypePrefixOverride) ? fromFile : file.TypePrefixOverride,
        };
    }
}

/// <summary>The spec files to be named after themselves, as a class for the reason <see cref="ShadowedSpecFiles"/> gives.</summary>
internal sealed record SpecNameClashes(EquatableArray<SpecNameClash> Items)
{
    public SpecNameClash? Find(string path) => Items.FirstOrDefault(clash => clash.Path == path);
}

/// <summary>A spec file whose code would take the names <paramref name="Kept"/>'s code has.</summary>
internal sealed record SpecNameClash(string Path, SpecIdentity Kept);
