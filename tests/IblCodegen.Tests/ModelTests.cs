using System.Collections;
using System.Reflection;
using IblCodegen.Model;
using IblCodegen.Parsing;
using IblCodegen.Tests.Infrastructure;

namespace IblCodegen.Tests;

/// <summary>The model is plain data: equal when the spec is, and free of compiler or OpenAPI library objects.</summary>
public sealed class ModelTests
{
    private static SpecResult Parse() =>
        SpecParser.Parse(new SpecFile(RepoPaths.ProjectSpec, File.ReadAllText(RepoPaths.ProjectSpec), null, SpecSelection.All), CancellationToken.None);

    [Fact]
    public void Parsing_the_same_text_twice_gives_equal_models()
    {
        var first = Parse();
        var second = Parse();
        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void The_model_holds_no_roslyn_openapi_yaml_tree_or_parser_objects()
    {
        var forbidden = new[] { "Microsoft.CodeAnalysis", "Microsoft.OpenApi", "YamlDotNet", "System.Text.Json.Nodes", "IblCodegen.Parsing" };
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var count = Walk(Parse(), forbidden, visited);
        Assert.True(count > 100, $"Walked only {count} objects; the walk is not reaching the model.");
    }

    [Fact]
    public void Types_are_sorted_by_name()
    {
        var names = Parse().Model!.Types.Select(t => t.Name).ToList();
        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), names);
    }

    private static int Walk(object? value, string[] forbidden, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !visited.Add(value))
        {
            return 0;
        }

        var type = value.GetType();
        Assert.False(
            forbidden.Any(prefix => type.FullName!.StartsWith(prefix, StringComparison.Ordinal)),
            $"The model holds a {type.FullName}.");

        var count = 1;
        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                count += Walk(item, forbidden, visited);
            }

            return count;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            if (property.Name != "EqualityContract")
            {
                count += Walk(property.GetValue(value), forbidden, visited);
            }
        }

        return count;
    }
}
