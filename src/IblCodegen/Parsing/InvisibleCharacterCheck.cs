using System.Collections.Generic;
using System.Globalization;
using IblCodegen.Diagnostics;
using IblCodegen.Emitting;
using IblCodegen.Parsing.Tree;
using Microsoft.CodeAnalysis;

namespace IblCodegen.Parsing;

/// <summary>
/// Finds the names in the document that hold invisible characters (bidirectional overrides, zero-width spaces,
/// controls): every key, and the values that become names (operationId, tag and parameter names, enum values,
/// permissions). C# names are built from letters and digits, so such characters are dropped from them; the warning
/// (IBL0010) says so at the place, since a name that reads one way and is another is how "Trojan Source"
/// (CVE-2021-42574) hides code. Descriptions are not checked: their text only reaches comments, where the characters
/// are written as visible escapes, and they may hold legitimate joiners (emoji sequences).
/// </summary>
internal static class InvisibleCharacterCheck
{
    private static readonly HashSet<string> NameValues = new(System.StringComparer.Ordinal) { "operationId", "name", "propertyName" };
    private static readonly HashSet<string> NameLists = new(System.StringComparer.Ordinal) { "tags", "enum", "required", ModelBuilder.PermissionsExtension };

    /// <summary>Each name holding an invisible character, with the pointer of where it is written; walked with a stack, not recursion.</summary>
    public static List<(DiagnosticDescriptor Descriptor, string Pointer, string[] Args)> Run(SpecNode root)
    {
        var problems = new List<(DiagnosticDescriptor, string, string[])>();
        var pending = new Stack<(SpecNode Node, Path? Path)>();
        pending.Push((root, null));
        while (pending.Count > 0)
        {
            var (node, path) = pending.Pop();
            switch (node)
            {
                case SpecObject obj:
                    foreach (var pair in obj)
                    {
                        Check(pair.Key, path, pair.Key, problems);
                        switch (pair.Value)
                        {
                            case SpecValue value when NameValues.Contains(pair.Key):
                                Check(value.Text, path, pair.Key, problems);
                                break;
                            case SpecArray list when NameLists.Contains(pair.Key):
                                var listPath = new Path(path, pair.Key);
                                for (var i = 0; i < list.Count; i++)
                                {
                                    var index = i.ToString(CultureInfo.InvariantCulture);
                                    if (list[i] is SpecValue item)
                                    {
                                        Check(item.Text, listPath, index, problems);
                                    }
                                    else if (list[i] is { } other)
                                    {
                                        pending.Push((other, new Path(listPath, index)));
                                    }
                                }

                                break;
                            case { } child and not SpecValue:
                                pending.Push((child, new Path(path, pair.Key)));
                                break;
                        }
                    }

                    break;
                case SpecArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (array[i] is { } item and not SpecValue)
                        {
                            pending.Push((item, new Path(path, i.ToString(CultureInfo.InvariantCulture))));
                        }
                    }

                    break;
            }
        }

        return problems;
    }

    /// <summary>Reports <paramref name="text"/>, written at <paramref name="segment"/> below <paramref name="parent"/>, if it holds an invisible character.</summary>
    private static void Check(string text, Path? parent, string segment, List<(DiagnosticDescriptor, string, string[])> problems)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] >= ' ' && text[i] < 127)
            {
                continue;
            }

            if (SpecText.IsInvisible(text, i))
            {
                var pointer = JsonPointer.Append(Path.ToPointer(parent), segment);
                problems.Add((DiagnosticDescriptors.InvisibleCharacter, pointer, [pointer, ((int)text[i]).ToString("X4", CultureInfo.InvariantCulture)]));
                return;
            }
        }
    }

    /// <summary>Where a node sits, as a chain of segments: the pointer text is made only for the rare node reported.</summary>
    private sealed class Path(Path? parent, string segment)
    {
        public static string ToPointer(Path? path)
        {
            var segments = new List<string>();
            for (var current = path; current is not null; current = current._parent)
            {
                segments.Add(current._segment);
            }

            var pointer = "#";
            for (var i = segments.Count - 1; i >= 0; i--)
            {
                pointer = JsonPointer.Append(pointer, segments[i]);
            }

            return pointer;
        }

        private readonly Path? _parent = parent;
        private readonly string _segment = segment;
    }
}
