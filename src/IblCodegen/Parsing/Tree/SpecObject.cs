using System;
using System.Collections;
using System.Collections.Generic;
using System.Text.Json;

namespace IblCodegen.Parsing.Tree;

/// <summary>A mapping with distinct string keys, in written order.</summary>
/// <remarks>
/// Most objects of a spec have a handful of keys and are searched by a linear scan; the few large ones
/// (<c>paths</c>, <c>components/schemas</c>) get an index on their first lookup.
/// </remarks>
internal sealed class SpecObject : SpecNode, IEnumerable<KeyValuePair<string, SpecNode?>>
{
    private const int ScanLimit = 8;

    private readonly string[] _keys;
    private readonly SpecNode?[] _values;
    private Dictionary<string, int>? _index;

    /// <summary>
    /// Takes the arrays as they are (same length, keys distinct); the caller does not change them afterwards.
    /// <see cref="SpecTreeBuilder"/> is the way to build one while reading.
    /// </summary>
    public SpecObject(string[] keys, SpecNode?[] values)
    {
        _keys = keys;
        _values = values;
    }

    public int Count => _keys.Length;

    /// <summary>The value of <paramref name="key"/>; null when it is absent or JSON null.</summary>
    public SpecNode? this[string key] => IndexOf(key) is var index and >= 0 ? _values[index] : null;

    private SchemaNode? _schemaView;

    /// <summary>
    /// The generator's view of this object as a schema, made on first use and kept here, so that each schema object
    /// has one view without a lookup by identity. A memo, not content: the object itself does not change.
    /// </summary>
    internal SchemaNode SchemaView(SpecDocument document) => _schemaView ??= new SchemaNode(document, this);

    public string KeyAt(int index) => _keys[index];

    public SpecNode? ValueAt(int index) => _values[index];

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetPropertyValue(string key, out SpecNode? value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _values[index] : null;
        return index >= 0;
    }

    public override JsonValueKind GetValueKind() => JsonValueKind.Object;

    public override SpecNode DeepClone()
    {
        var values = new SpecNode?[_values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _values[i]?.DeepClone();
        }

        return new SpecObject((string[])_keys.Clone(), values);
    }

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<KeyValuePair<string, SpecNode?>> IEnumerable<KeyValuePair<string, SpecNode?>>.GetEnumerator()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            yield return new(_keys[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<KeyValuePair<string, SpecNode?>>)this).GetEnumerator();

    private int IndexOf(string key)
    {
        if (_keys.Length <= ScanLimit)
        {
            for (var i = 0; i < _keys.Length; i++)
            {
                if (string.Equals(_keys[i], key, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        if (_index is null)
        {
            var index = new Dictionary<string, int>(_keys.Length, StringComparer.Ordinal);
            for (var i = 0; i < _keys.Length; i++)
            {
                index.Add(_keys[i], i);
            }

            _index = index;
        }

        return _index.TryGetValue(key, out var found) ? found : -1;
    }

    /// <summary>A <c>foreach</c> over the members without an allocation.</summary>
    public struct Enumerator(SpecObject obj)
    {
        private int _index = -1;

        public readonly KeyValuePair<string, SpecNode?> Current => new(obj._keys[_index], obj._values[_index]);

        public bool MoveNext() => ++_index < obj._keys.Length;
    }
}
