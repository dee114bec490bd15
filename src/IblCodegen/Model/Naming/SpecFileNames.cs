using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace IblCodegen.Model.Naming;

/// <summary>
/// The name a spec file gives its outputs (<c>IblDataManager</c> for <c>ibl-data-manager.yaml</c>: hint names and the
/// types named after the spec), and the files whose names give one already taken.
/// </summary>
internal static class SpecFileNames
{
    public static string HintPrefix(string path) =>
        Identifiers.ToPascalCase(System.IO.Path.GetFileNameWithoutExtension(path), "Spec");

    /// <summary>
    /// The files that cannot be generated because an earlier one (in ordinal order of paths, so the choice does not
    /// depend on the order the build lists them) already gives the same prefix.
    /// </summary>
    public static ShadowedSpecFiles Shadowed(ImmutableArray<string> paths)
    {
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        var shadowed = new List<ShadowedSpecFile>();
        foreach (var path in paths.OrderBy(p => p, StringComparer.Ordinal))
        {
            var prefix = HintPrefix(path);
            if (kept.TryGetValue(prefix, out var first))
            {
                shadowed.Add(new ShadowedSpecFile(path, first));
            }
            else
            {
                kept.Add(prefix, path);
            }
        }

        return new ShadowedSpecFiles(shadowed.ToEquatableArray());
    }
}

/// <summary>
/// The spec files set aside. A class, not the array itself: pipeline steps over reference types share one JIT
/// compilation of Roslyn's generic node code, where each value type costs one of its own on a cold build.
/// </summary>
internal sealed record ShadowedSpecFiles(EquatableArray<ShadowedSpecFile> Files)
{
    public bool Contains(string path) => Files.Any(file => file.Path == path);
}

/// <summary>A spec file set aside: its outputs would take the names of <paramref name="KeptPath"/>'s.</summary>
internal sealed record ShadowedSpecFile(string Path, string KeptPath);
