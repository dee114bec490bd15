using System;
using System.Runtime.CompilerServices;

namespace IblCodegen.Parsing.Tree;

/// <summary>
/// One string per distinct piece of text read: a spec repeats its keys and many of its values (the published ibl
/// spec has 74,000 keys and 40,000 string values, with 3,200 and 7,100 distinct texts), so the tree keeps one copy of each.
/// </summary>
/// <remarks>Open addressing over a power-of-two table, looked up by the characters in place, before any string exists.</remarks>
internal sealed class StringPool
{
    private string?[] _strings = new string?[1024];
    private int[] _hashes = new int[1024];
    private int _count;

    /// <summary>The pooled string equal to <c>text.Substring(start, length)</c>.</summary>
    [MethodImpl(Compile.Optimized)]
    public string Get(string text, int start, int length)
    {
        var hash = Hash(text, start, length);
        var mask = _strings.Length - 1;
        var index = hash & mask;
        while (_strings[index] is { } candidate)
        {
            if (_hashes[index] == hash && candidate.Length == length && string.CompareOrdinal(candidate, 0, text, start, length) == 0)
            {
                return candidate;
            }

            index = (index + 1) & mask;
        }

        var added = text.Substring(start, length);
        _strings[index] = added;
        _hashes[index] = hash;
        if (++_count * 2 > _strings.Length)
        {
            Grow();
        }

        return added;
    }

    /// <summary>FNV-1a over the characters, kept non-negative to serve as an index.</summary>
    [MethodImpl(Compile.Optimized)]
    private static int Hash(string text, int start, int length)
    {
        var hash = 2166136261;
        for (var i = start; i < start + length; i++)
        {
            hash = (hash ^ text[i]) * 16777619;
        }

        return (int)(hash & 0x7FFFFFFF);
    }

    [MethodImpl(Compile.Optimized)]
    private void Grow()
    {
        var strings = new string?[_strings.Length * 2];
        var hashes = new int[strings.Length];
        var mask = strings.Length - 1;
        for (var i = 0; i < _strings.Length; i++)
        {
            if (_strings[i] is { } text)
            {
                var index = _hashes[i] & mask;
                while (strings[index] is not null)
                {
                    index = (index + 1) & mask;
                }

                strings[index] = text;
                hashes[index] = _hashes[i];
            }
        }

        _strings = strings;
        _hashes = hashes;
    }
}
