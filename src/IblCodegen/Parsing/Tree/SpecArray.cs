using System.Collections;
using System.Collections.Generic;
using System.Text.Json;

namespace IblCodegen.Parsing.Tree;

/// <summary>A sequence; its items are nodes, or null for JSON null.</summary>
internal sealed class SpecArray : SpecNode, IReadOnlyList<SpecNode?>
{
    private readonly SpecNode?[] _items;

    /// <summary>Takes <paramref name="items"/> as they are; the caller does not change them afterwards.</summary>
    public SpecArray(SpecNode?[] items) => _items = items;

    /// <summary>No items: what a reader gets for an array the document leaves out.</summary>
    public static SpecArray Empty { get; } = new([]);

    public int Count => _items.Length;

    public SpecNode? this[int index] => _items[index];

    public override JsonValueKind GetValueKind() => JsonValueKind.Array;

    public override SpecNode DeepClone()
    {
        var items = new SpecNode?[_items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = _items[i]?.DeepClone();
        }

        return new SpecArray(items);
    }

    public Enumerator GetEnumerator() => new(_items);

    IEnumerator<SpecNode?> IEnumerable<SpecNode?>.GetEnumerator() => ((IEnumerable<SpecNode?>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <summary>A <c>foreach</c> over the items without an allocation.</summary>
    public struct Enumerator(SpecNode?[] items)
    {
        private int _index = -1;

        public readonly SpecNode? Current => items[_index];

        public bool MoveNext() => ++_index < items.Length;
    }
}
