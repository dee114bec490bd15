using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace IblCodegen.Parsing;

/// <summary>Compares by identity: two equal-looking nodes or schemas in different places of the spec are different ones.</summary>
internal sealed class ReferenceComparer<T> : IEqualityComparer<T>
    where T : class
{
    public static readonly ReferenceComparer<T> Instance = new();

    public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

    public int GetHashCode(T obj) => RuntimeHelpers.GetHashCode(obj);
}
