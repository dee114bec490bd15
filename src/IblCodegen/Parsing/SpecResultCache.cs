using System;
using System.Threading;
using IblCodegen.Model;

namespace IblCodegen.Parsing;

/// <summary>
/// The last few parsed specs, kept for the life of the process that loaded the generator.
/// </summary>
/// <remarks>
/// <para>
/// The compiler server (and an IDE) keeps the generator loaded from one build to the next, but every build starts a new
/// generator driver, whose incremental cache is empty: without this, each build of a project reads its spec again from
/// text, whatever the edit was. For the published spec that is most of the generator's time in an edit build
/// (README, "Benchmarks"). Roslyn has an opt-in driver cache of its own (<c>/features:enable-generator-cache</c>); this
/// one is limited to the parse, and needs nothing of the project.
/// </para>
/// <para>
/// An entry is found only by a <see cref="SpecFile"/> equal to its own: the same path, the same whole text (compared
/// ordinally, not by a hash) and the same options. <see cref="SpecParser.Parse"/> depends on nothing else, and
/// <see cref="SpecResult"/> is immutable, so a hit is the result a parse would give, and the steps downstream compare
/// equal as before. A cancelled parse stores nothing.
/// </para>
/// <para>
/// It keeps the <see cref="Capacity"/> most recently used entries (a library and a service of one spec use two), and of
/// one file only its latest text; each holds the spec's text and its model (for the published spec, see README).
/// </para>
/// </remarks>
internal static class SpecResultCache
{
    private static readonly object Gate = new();

    /// <summary>Most recently used first.</summary>
    private static (SpecFile File, SpecResult Result)[] s_entries = [];

    /// <summary>How many parsed specs are kept; 0 turns the cache off (the benchmarks of a parse do).</summary>
    internal static int Capacity
    {
        get => Volatile.Read(ref s_capacity);
        set
        {
            lock (Gate)
            {
                s_capacity = Math.Max(0, value);
                if (s_entries.Length > s_capacity)
                {
                    Array.Resize(ref s_entries, s_capacity);
                }
            }
        }
    }

    private static int s_capacity = 4;

    /// <summary>How many parses this process has run through the cache, hits not counted (the <c>next-build</c> benchmark reports it).</summary>
    internal static int Parses => Volatile.Read(ref s_parses);

    private static int s_parses;

    public static SpecResult GetOrParse(SpecFile file, CancellationToken cancellationToken)
    {
        if (TryGet(file, out var cached))
        {
            return cached;
        }

        // Parsed outside the lock: the compiler server runs builds of several projects at once.
        Interlocked.Increment(ref s_parses);
        var result = SpecParser.Parse(file, cancellationToken);
        Store(file, result);
        return result;
    }

    internal static bool TryGet(SpecFile file, out SpecResult result)
    {
        lock (Gate)
        {
            for (var i = 0; i < s_entries.Length; i++)
            {
                if (s_entries[i].File.Equals(file))
                {
                    // A build of the same project as the last one finds its entry in front already: nothing to move.
                    var hit = s_entries[i];
                    if (i > 0)
                    {
                        s_entries = WithFirst(hit, except: i);
                    }

                    result = hit.Result;
                    return true;
                }
            }
        }

        result = null!;
        return false;
    }

    internal static void Store(SpecFile file, SpecResult result)
    {
        lock (Gate)
        {
            if (s_capacity > 0)
            {
                // An entry of the same file with another text is an earlier version of it (an edit in an IDE), which
                // no build will ask for again; an entry equal to this one is another build's parse of it, meanwhile.
                s_entries = Array.FindAll(s_entries, entry => entry.File.Path != file.Path || entry.File.Text == file.Text && !entry.File.Equals(file));
                s_entries = WithFirst((file, result), except: -1);
            }
        }
    }

    /// <summary>The entries with <paramref name="first"/> in front, the one at <paramref name="except"/> (if any) left out, within the capacity.</summary>
    private static (SpecFile File, SpecResult Result)[] WithFirst((SpecFile File, SpecResult Result) first, int except)
    {
        var entries = new (SpecFile File, SpecResult Result)[Math.Min(s_capacity, s_entries.Length + (except < 0 ? 1 : 0))];
        entries[0] = first;
        for (int from = 0, to = 1; from < s_entries.Length && to < entries.Length; from++)
        {
            if (from != except)
            {
                entries[to++] = s_entries[from];
            }
        }

        return entries;
    }
}
