using System;
using System.Collections.Generic;
using System.Linq;
using IblCodegen.Diagnostics;

namespace IblCodegen.Model;

/// <summary>
/// The part of a spec a project uses, from the spec item's <c>Tags</c>, <c>Operations</c> and <c>PathPrefixes</c>
/// metadata: the operations matching any entry, and the schemas they reach. Empty: the whole spec.
/// </summary>
internal sealed record SpecSelection(EquatableArray<string> Tags, EquatableArray<string> Operations, EquatableArray<string> PathPrefixes)
{
    public static SpecSelection All { get; } = new(EquatableArray<string>.Empty, EquatableArray<string>.Empty, EquatableArray<string>.Empty);

    public bool IsAll => Tags.Count == 0 && Operations.Count == 0 && PathPrefixes.Count == 0;

    /// <summary>A metadata value as entries: separated by <c>;</c> or <c>,</c> (as MSBuild lists are), trimmed, empty ones dropped.</summary>
    public static EquatableArray<string> Entries(string? value) =>
        (value ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Trim())
            .Where(entry => entry.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToEquatableArray();

    /// <summary>Whether an entry matches the operation: any of its tags (case ignored), its operationId, or a prefix of its path.</summary>
    public bool Selects(OperationSpec operation) =>
        Tags.Any(tag => Tagged(operation, tag))
        || Operations.Any(id => string.Equals(id, operation.OperationId, StringComparison.Ordinal))
        || PathPrefixes.Any(prefix => operation.Path.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>
    /// The model cut down to the selected operations, the types they reach (through members, bases, subtypes,
    /// collections, pages; parameters, bodies and responses) and the tag clients they need. Names are those of the
    /// whole spec, so a type keeps its name whatever else is selected. Each entry that matches nothing is an error.
    /// </summary>
    public SpecModel Apply(SpecModel model, List<DiagnosticInfo> diagnostics)
    {
        if (IsAll)
        {
            return model;
        }

        ReportUnmatched(model, diagnostics);
        var operations = model.Operations.Where(Selects).ToEquatableArray();
        var types = model.Types.ToDictionary(t => model.Identity.Qualify(t.Name), StringComparer.Ordinal);
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<TypeRef>();
        foreach (var operation in operations)
        {
            foreach (var parameter in operation.Parameters)
            {
                pending.Push(parameter.ValueType);
            }

            if (operation.Body is { } body)
            {
                pending.Push(body.Type);
            }

            foreach (var response in operation.Responses.Where(r => r.Type is not null))
            {
                pending.Push(response.Type!);
            }
        }

        while (pending.Count > 0)
        {
            var type = pending.Pop();
            if (type.Element is { } element)
            {
                pending.Push(element);
            }

            if (type.Kind != TypeRefKind.Declared || !reached.Add(type.Definition) || !types.TryGetValue(type.Definition, out var declared))
            {
                continue;
            }

            if (declared is ObjectTypeSpec objectType)
            {
                foreach (var property in objectType.Properties)
                {
                    pending.Push(property.Type);
                }

                if (objectType.BaseType is { } baseType)
                {
                    pending.Push(baseType);
                }

                foreach (var derived in objectType.DerivedTypes)
                {
                    pending.Push(derived.Type);
                }
            }
        }

        var tags = new HashSet<string>(operations.Select(o => o.Tag), StringComparer.Ordinal);
        return model with
        {
            Operations = operations,
            Types = model.Types.Where(t => reached.Contains(model.Identity.Qualify(t.Name))).ToEquatableArray(),
            Clients = model.Clients.Where(c => tags.Contains(c.Tag)).ToEquatableArray(),
        };
    }

    private void ReportUnmatched(SpecModel model, List<DiagnosticInfo> diagnostics)
    {
        var location = LocationInfo.File(model.Identity.SpecPath);
        foreach (var (kind, entries) in new[] { ("Tags", Tags), ("Operations", Operations), ("PathPrefixes", PathPrefixes) })
        {
            foreach (var entry in entries)
            {
                if (Unmatched(kind, entry, model.Operations) is { } known)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnmatchedSelection, location, kind, entry, Closest(entry, known)));
                }
            }
        }
    }

    /// <summary>
    /// Null when a <paramref name="kind"/> entry (Tags, Operations, PathPrefixes) matches one of
    /// <paramref name="operations"/>, as <see cref="Selects"/> matches; otherwise the names it could have meant. Shared
    /// by the spec item's selection and a handler class's.
    /// </summary>
    public static IReadOnlyCollection<string>? Unmatched(string kind, string value, EquatableArray<OperationSpec> operations) => kind switch
    {
        "Tags" when !operations.Any(o => Tagged(o, value)) =>
            operations.SelectMany(o => o.Tags).Distinct(StringComparer.Ordinal).ToList(),
        "Operations" when !operations.Any(o => string.Equals(o.OperationId, value, StringComparison.Ordinal)) =>
            operations.Select(o => o.OperationId).ToList(),
        "PathPrefixes" when !operations.Any(o => o.Path.StartsWith(value, StringComparison.Ordinal)) =>
            operations.Select(o => o.Path).Distinct(StringComparer.Ordinal).ToList(),
        _ => null,
    };

    /// <summary>
    /// Whether the operation names <paramref name="tag"/> among its tags, not only first: the published spec tags its
    /// analytics operations <c>[ai-analytics, analytics]</c>, and a project asking for <c>analytics</c> means them.
    /// </summary>
    private static bool Tagged(OperationSpec operation, string tag) =>
        operation.Tags.Any(named => string.Equals(named, tag, StringComparison.OrdinalIgnoreCase));

    /// <summary>The three names nearest to <paramref name="wanted"/> by edit distance (case ignored), for the message.</summary>
    internal static string Closest(string wanted, IReadOnlyCollection<string> names)
    {
        var nearest = names
            .Select(name => (Name: name, Distance: Distance(wanted.ToLowerInvariant(), name.ToLowerInvariant())))
            .OrderBy(pair => pair.Distance)
            .ThenBy(pair => pair.Name, StringComparer.Ordinal)
            .Take(3)
            .Select(pair => "'" + pair.Name + "'")
            .ToList();
        return nearest.Count == 0 ? "the spec has none" : "closest: " + string.Join(", ", nearest);
    }

    /// <summary>Levenshtein distance, two rows.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
