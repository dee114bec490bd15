using System;
using System.Collections.Generic;
using System.Linq;

namespace IblCodegen.Model.Naming;

/// <summary>
/// Readable operation names. drf-spectacular's operationIds put the path first and the action last
/// (<c>catalog_suggestions_course_manage_group_retrieve</c>); a C# reader wants the verb first and the tag once,
/// since the tag already groups the operation: <c>GetSuggestionsCourseManageGroup</c>.
/// </summary>
internal static class OperationNames
{
    private static readonly Dictionary<string, string> Actions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["retrieve"] = "Get",
        ["list"] = "List",
        ["create"] = "Create",
        ["update"] = "Update",
        ["destroy"] = "Delete",
    };

    public static string From(string? operationId, string method, string path, string tag)
    {
        if (string.IsNullOrWhiteSpace(operationId))
        {
            return FromPath(method, path);
        }

        var words = Words(operationId!);
        var verb = string.Empty;
        if (words.Count >= 3 && Is(words[words.Count - 2], "partial") && Is(words[words.Count - 1], "update"))
        {
            verb = "Patch";
            words.RemoveRange(words.Count - 2, 2);
        }
        else if (words.Count >= 2 && Actions.TryGetValue(words[words.Count - 1], out var action))
        {
            verb = action;
            words.RemoveAt(words.Count - 1);
        }

        var tagWords = Words(tag);
        if (tagWords.Count > 0 && words.Count > tagWords.Count && tagWords.Select((w, i) => Is(words[i], w)).All(same => same))
        {
            words.RemoveRange(0, tagWords.Count);
        }

        return Identifiers.ToPascalCase(verb + "_" + string.Join("_", words), "Operation");
    }

    /// <summary>For operations without an id: <c>GET /users/{id}/roles</c> → <c>GetUsersByIdRoles</c>.</summary>
    private static string FromPath(string method, string path)
    {
        var parts = new List<string> { method.ToLowerInvariant() };
        foreach (var segment in path.Split(['/'], StringSplitOptions.RemoveEmptyEntries))
        {
            parts.Add(segment.StartsWith("{", StringComparison.Ordinal) ? "by_" + segment.Trim('{', '}') : segment);
        }

        return Identifiers.ToPascalCase(string.Join("_", parts), "Operation");
    }

    private static List<string> Words(string text) =>
        text.Split(['_', '-', '.', ' ', '/'], StringSplitOptions.RemoveEmptyEntries).ToList();

    private static bool Is(string word, string other) => string.Equals(word, other, StringComparison.OrdinalIgnoreCase);
}
