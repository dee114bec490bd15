using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace IblCodegen.Tests.Infrastructure;

/// <summary>
/// Walks a pipeline step's value looking for what an incremental generator must not carry between runs: compilations,
/// symbols, syntax nodes and trees, semantic models (and, outside the handler-site steps, locations, which hold a tree).
/// </summary>
internal static class ForbiddenTypes
{
    public static void AssertNone(string step, object? value, bool allowLocation)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Walk(step, value, allowLocation, seen, "value");
    }

    private static void Walk(string step, object? value, bool allowLocation, HashSet<object> seen, string path)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !(value.GetType().IsValueType || seen.Add(value)))
        {
            return;
        }

        if (value is Location && allowLocation)
        {
            return;
        }

        Assert.False(
            value is Compilation or ISymbol or SyntaxNode or SyntaxTree or SemanticModel or Location,
            $"The step {step} holds a {value.GetType().Name} at {path}.");

        if (value is IEnumerable items)
        {
            var index = 0;
            foreach (var item in items)
            {
                Walk(step, item, allowLocation, seen, $"{path}[{index++}]");
            }

            return;
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Walk(step, field.GetValue(value), allowLocation, seen, $"{path}.{field.Name}");
        }
    }
}
