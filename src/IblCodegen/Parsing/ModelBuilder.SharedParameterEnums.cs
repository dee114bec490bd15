using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using IblCodegen.Model;
using IblCodegen.Model.Naming;
using IblCodegen.Parsing.Tree;

namespace IblCodegen.Parsing;

/// <summary>
/// Inline string enums that several operations' parameters declare alike: one type for them all, not one per
/// operation. The published spec writes its <c>format: [json]</c> query parameter inline 139 times; each copy was a
/// type of its own, with its converter and its JSON metadata, that every build compiled.
/// </summary>
/// <remarks>
/// Alike means the same parameter name and the same values in the same order. The type is named after the parameter
/// (<c>DateFilter</c>); when one name comes with several lists of values, the list most operations use gets that name
/// and the others are named after the first operation that declares them, as an unshared one is, and so are all of
/// them when a schema has the parameter's name already. Names are decided
/// on the whole document before any operation is built, so they do not depend on a project's selection.
/// </remarks>
internal sealed partial class ModelBuilder
{
    /// <summary>The shared parameter enums, by <see cref="SharedEnumKey"/>; only those two or more operations declare.</summary>
    private Dictionary<string, SharedParameterEnum>? _sharedParameterEnums;

    private sealed class SharedParameterEnum(string parameterName, int firstUse)
    {
        public string ParameterName { get; } = parameterName;

        /// <summary>The position of the first operation that declares it, which breaks ties between lists of values.</summary>
        public int FirstUse { get; } = firstUse;

        public int Uses { get; set; }

        /// <summary>The type name it prefers; null to be named after its first operation.</summary>
        public string? PreferredName { get; set; }

        /// <summary>The type, once the first operation that declares it has been built.</summary>
        public TypeRef? Type { get; set; }
    }

    private void FindSharedParameterEnums()
    {
        var found = new Dictionary<string, SharedParameterEnum>(StringComparer.Ordinal);
        var position = 0;
        foreach (var (_, pathItem, _, operation) in Operations())
        {
            position++;
            // A path-level parameter an operation overrides is counted too: it only weighs on which list gets the name.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, schema) in InlineEnumParameters(pathItem).Concat(InlineEnumParameters(operation)))
            {
                var key = SharedEnumKey(name, schema);
                if (!seen.Add(key))
                {
                    continue;
                }

                if (!found.TryGetValue(key, out var shared))
                {
                    found.Add(key, shared = new SharedParameterEnum(name, position));
                }

                shared.Uses++;
            }
        }

        _sharedParameterEnums = new Dictionary<string, SharedParameterEnum>(StringComparer.Ordinal);
        foreach (var pair in found.Where(p => p.Value.Uses > 1))
        {
            _sharedParameterEnums.Add(pair.Key, pair.Value);
        }

        foreach (var sameName in _sharedParameterEnums.Values.GroupBy(s => s.ParameterName, StringComparer.Ordinal))
        {
            // A name a schema or a client has already is left to it: a numbered "Kinds2" would read as a kind of Kinds.
            var name = Identifiers.ToPascalCase(sameName.Key);
            if (!_typeNames.IsTaken(EnumTypeName(name)))
            {
                sameName.OrderByDescending(s => s.Uses).ThenBy(s => s.FirstUse).First().PreferredName = name;
            }
        }
    }

    /// <summary>
    /// Maps a parameter's value (or item) schema. A shared enum is declared by its first operation, under its preferred
    /// name when it has one; a later declaration maps to that type. Anything else maps as it is, named from
    /// <paramref name="operationHint"/>.
    /// </summary>
    private TypeRef MapParameterValue(string parameterName, SchemaNode? valueSchema, string pointer, string operationHint)
    {
        if (_sharedParameterEnums is null || valueSchema is null || !IsStringEnum(valueSchema)
            || !_sharedParameterEnums.TryGetValue(SharedEnumKey(parameterName, valueSchema), out var shared))
        {
            return Map(valueSchema, pointer, operationHint);
        }

        if (shared.Type is { } declared && !_inlineTypes.ContainsKey(valueSchema))
        {
            _inlineTypes.Add(valueSchema, declared);
        }

        var type = Map(valueSchema, pointer, shared.PreferredName ?? operationHint);
        if (shared.Type is null && _inlineTypes.TryGetValue(valueSchema, out var first))
        {
            shared.Type = first;
        }

        return type;
    }

    /// <summary>The named parameters of an operation or path item whose value (or item) schema is an inline string enum.</summary>
    private IEnumerable<(string Name, SchemaNode Schema)> InlineEnumParameters(SpecObject owner)
    {
        foreach (var written in (LenientRead.Array(owner, "parameters") ?? SpecArray.Empty).OfType<SpecObject>())
        {
            if (_document.Resolve(written, out _) is not { } parameter
                || LenientRead.Text(parameter, "name") is not { Length: > 0 } name
                || LenientRead.Object(parameter, "schema") is not { } writtenSchema)
            {
                continue;
            }

            var schema = _document.Schema(writtenSchema);
            var shape = Unwrap(schema);
            var valueSchema = TypeOf(shape) == SchemaTypes.Array ? shape.Items : schema;
            if (valueSchema is not null && IsStringEnum(valueSchema))
            {
                yield return (name, valueSchema);
            }
        }
    }

    private static string SharedEnumKey(string parameterName, SchemaNode schema)
    {
        var key = new StringBuilder(parameterName);
        foreach (var value in schema.Enum!)
        {
            // Null (a nullable enum's) cannot be confused with a string: strings are marked.
            key.Append('\0').Append(LenientRead.Kind(value) == JsonValueKind.String ? "s" + value!.ToString() : "null");
        }

        return key.ToString();
    }
}
