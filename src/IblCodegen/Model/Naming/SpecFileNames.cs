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
    public static ShadowedSpecFiles Shadowed(ImmutableArray<string> paths) =>
        new(Repeats(paths, path => path, HintPrefix).Select(r => new ShadowedSpecFile(r.Item, r.Kept)).ToEquatableArray());

    /// <summary>
    /// The items whose key an earlier one already has, each with that earlier one. Earlier means first in ordinal
    /// order of the items' spec paths, so which one keeps the key does not depend on the order the build lists files.
    /// </summary>
    public static List<(T Item, T Kept)> Repeats<T, TKey>(IEnumerable<T> items, Func<T, string> path, Func<T, TKey> key)
    {
        var kept = new Dictionary<TKey, T>();
        var repeats = new List<(T, T)>();
        foreach (var item in items.OrderBy(path, StringComparer.Ordinal))
        {
            if (kept.TryGetValue(key(item), out var first))
            {
                repeats.Add((item, first));
            }
            else
            {
                kept.Add(key(item), item);
            }
        }

        return repeats;
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
