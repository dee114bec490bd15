using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using IblCodegen.Diagnostics;
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
    /// <param name="root">The document's tree.</param>
    /// <param name="text">The text it was read from (for a Swagger 2.0 document, the 2.0 text the tree was upgraded from).</param>
    public static List<(DiagnosticDescriptor Descriptor, string Pointer, string[] Args)> Run(SpecNode root, string text)
    {
        var problems = new List<(DiagnosticDescriptor, string, string[])>();

        // Nearly every document has no such character anywhere. A look at its text settles that first, where nothing
        // in it can make one (no such character written, no escape that writes one); then a look at every key and
        // string of the tree, tracking nothing; only a document that has one pays for the walk that knows where.
        if (!MayHoldInvisible(text) || !AnyInvisible(root))
        {
            return problems;
        }

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

    /// <summary>
    /// Whether the text writes an invisible character, or an escape that could stand for one: JSON's <c>\u</c>,
    /// <c>\b</c>, <c>\f</c>; YAML's <c>\x</c>, <c>\U</c>, <c>\N</c>, <c>\L</c>, <c>\P</c>, <c>\0</c>, <c>\a</c>,
    /// <c>\e</c>, <c>\v</c>, <c>\_</c>. False answers are certain; true ones are looked at in the tree.
    /// </summary>
    [MethodImpl(Compile.Optimized)]
    private static bool MayHoldInvisible(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= ' ' and < '\u007F' and not '\\' || c is '\t' or '\n' or '\r')
            {
                continue;
            }

            if (c == '\\')
            {
                if (i + 1 < text.Length && text[i + 1] is 'u' or 'U' or 'x' or 'N' or 'L' or 'P' or '0' or 'a' or 'b' or 'e' or 'f' or 'v' or '_')
                {
                    return true;
                }

                // An escaped backslash is no escape of anything else.
                i++;
                continue;
            }

            if (SpecText.IsInvisible(text, i))
            {
                return true;
            }
        }

        return false;
    }

    [MethodImpl(Compile.Optimized)]
    private static bool AnyInvisible(SpecNode root)
    {
        var pending = new Stack<SpecNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case SpecObject obj:
                    for (var i = 0; i < obj.Count; i++)
                    {
                        if (IndexOfInvisible(obj.KeyAt(i)) >= 0)
                        {
                            return true;
                        }

                        if (obj.ValueAt(i) is { } value)
                        {
                            pending.Push(value);
                        }
                    }

                    break;
                case SpecArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (array[i] is { } item)
                        {
                            pending.Push(item);
                        }
                    }

                    break;
                case SpecValue value when IndexOfInvisible(value.Text) >= 0:
                    return true;
            }
        }

        return false;
    }

    /// <summary>Where the first invisible character of <paramref name="text"/> is; -1 when there is none.</summary>
    [MethodImpl(Compile.Optimized)]
    private static int IndexOfInvisible(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            // Printable ASCII, nearly all the text there is, needs no category look-up.
            if ((text[i] < ' ' || text[i] >= '\u007F') && SpecText.IsInvisible(text, i))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Reports <paramref name="text"/>, written at <paramref name="segment"/> below <paramref name="parent"/>, if it holds an invisible character.</summary>
    private static void Check(string text, Path? parent, string segment, List<(DiagnosticDescriptor, string, string[])> problems)
    {
        if (IndexOfInvisible(text) is var index and >= 0)
        {
            var pointer = JsonPointer.Append(Path.ToPointer(parent), segment);
            problems.Add((DiagnosticDescriptors.InvisibleCharacter, pointer, [pointer, ((int)text[index]).ToString("X4", CultureInfo.InvariantCulture)]));
        }
    }

    /// <summary>Where a node sits, as a chain of segments: the pointer text is made only for the rare node reported.</summary>
    private sealed class Path(Path? parent, string segment)
    {
        private readonly Path? _parent = parent;
        private readonly string _segment = segment;

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
    }
}
