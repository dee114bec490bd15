using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace IblCodegen.Parsing.Tree;

/// <summary>
/// Builds objects and arrays while a reader walks the text: members and items go onto shared stacks, and each
/// finished collection takes exactly its own part, so nothing is resized or thrown away per node.
/// </summary>
/// <remarks>Collections nest: the one begun last is the one items go to, and it must end before its parent.</remarks>
internal sealed class SpecTreeBuilder
{
    /// <summary>Past this many keys, an object being read checks for repeated keys with a set rather than a scan.</summary>
    private const int ScanLimit = 16;

    private readonly List<string> _keys = [];
    private readonly List<SpecNode?> _values = [];
    private readonly List<SpecNode?> _items = [];
    private readonly List<int> _objectStarts = [];
    private readonly List<HashSet<string>?> _objectKeySets = [];
    private readonly Stack<int> _arrayStarts = new();

    [MethodImpl(Compile.Optimized)]
    public void BeginObject()
    {
        _objectStarts.Add(_keys.Count);
        _objectKeySets.Add(null);
    }

    /// <summary>Adds a member to the object begun last; false, adding nothing, when it has the key already.</summary>
    [MethodImpl(Compile.Optimized)]
    public bool TryAdd(string key, SpecNode? value)
    {
        var top = _objectStarts.Count - 1;
        var start = _objectStarts[top];
        if (_objectKeySets[top] is { } set)
        {
            if (!set.Add(key))
            {
                return false;
            }
        }
        else
        {
            for (var i = start; i < _keys.Count; i++)
            {
                if (string.Equals(_keys[i], key, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            if (_keys.Count - start == ScanLimit)
            {
                _objectKeySets[top] = new HashSet<string>(_keys.GetRange(start, ScanLimit), StringComparer.Ordinal) { key };
            }
        }

        _keys.Add(key);
        _values.Add(value);
        return true;
    }

    [MethodImpl(Compile.Optimized)]
    public SpecObject EndObject()
    {
        var top = _objectStarts.Count - 1;
        var start = _objectStarts[top];
        _objectStarts.RemoveAt(top);
        _objectKeySets.RemoveAt(top);
        var count = _keys.Count - start;
        var keys = count == 0 ? [] : new string[count];
        var values = count == 0 ? [] : new SpecNode?[count];
        _keys.CopyTo(start, keys, 0, count);
        _values.CopyTo(start, values, 0, count);
        _keys.RemoveRange(start, count);
        _values.RemoveRange(start, count);
        return new SpecObject(keys, values);
    }

    [MethodImpl(Compile.Optimized)]
    public void BeginArray() => _arrayStarts.Push(_items.Count);

    [MethodImpl(Compile.Optimized)]
    public void AddItem(SpecNode? item) => _items.Add(item);

    [MethodImpl(Compile.Optimized)]
    public SpecArray EndArray()
    {
        var start = _arrayStarts.Pop();
        var count = _items.Count - start;
        var items = count == 0 ? [] : new SpecNode?[count];
        _items.CopyTo(start, items, 0, count);
        _items.RemoveRange(start, count);
        return new SpecArray(items);
    }
}
