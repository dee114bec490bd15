using System.Collections.Generic;
using System.Linq;

namespace IblCodegen.Model;

/// <summary>One type together with what its file needs from the rest of the spec: the unit the pipeline fans out to.</summary>
/// <param name="InheritedRequiredMembers">
/// The required members of the type's base classes, the root class's first: the serialization metadata creates
/// instances through an object initializer, which must set every required member, inherited ones included, and numbers
/// the required members in this order to track which ones a JSON read has set.
/// </param>
internal sealed record TypeOutput(SpecIdentity Identity, TypeSpec Type, EquatableArray<RequiredMember> InheritedRequiredMembers)
{
    /// <summary>The types grouped by the letter their name starts with (<c>_</c> for the rest), in name order.</summary>
    public static IEnumerable<TypeGroupOutput> Groups(SpecModel model) =>
        From(model)
            .GroupBy(output => GroupKey(output.Type.Name))
            .OrderBy(group => group.Key, System.StringComparer.Ordinal)
            .Select(group => new TypeGroupOutput(model.Identity, group.Key, group.ToEquatableArray()));

    private static string GroupKey(string typeName) =>
        typeName.Length > 0 && typeName[0] is >= 'A' and <= 'Z' ? typeName.Substring(0, 1) : "_";

    public static IEnumerable<TypeOutput> From(SpecModel model)
    {
        var objects = model.Types.OfType<ObjectTypeSpec>().ToDictionary(t => model.Identity.Qualify(t.Name));
        foreach (var type in model.Types)
        {
            var inherited = type is ObjectTypeSpec objectType ? InheritedRequired(model.Identity, objects, objectType) : [];
            yield return new TypeOutput(model.Identity, type, inherited.ToEquatableArray());
        }
    }

    private static List<RequiredMember> InheritedRequired(SpecIdentity identity, Dictionary<string, ObjectTypeSpec> objects, ObjectTypeSpec type)
    {
        // Walked from the nearest base up, each class's members put before those of the classes below it.
        var members = new List<RequiredMember>();
        var seen = new HashSet<string>();
        for (var baseRef = type.BaseType; baseRef is not null && seen.Add(baseRef.Name);)
        {
            if (baseRef.Kind == TypeRefKind.Page)
            {
                members.InsertRange(0, RequiredMember.OfPage);
                break;
            }

            if (!objects.TryGetValue(baseRef.Name, out var baseType))
            {
                break;
            }

            members.InsertRange(0, baseType.Properties.Where(p => p.IsRequired).Select(p => new RequiredMember(p.Name, p.JsonName)));
            baseRef = baseType.BaseType;
        }

        return members;
    }
}

/// <summary>A required member of a class: its C# name and its JSON name.</summary>
internal sealed record RequiredMember(string Name, string JsonName)
{
    /// <summary>The required members of the page envelope, in the order it declares them.</summary>
    public static readonly RequiredMember[] OfPage = [new("Count", "count"), new("Results", "results")];
}

/// <summary>The types of one model file: the unit the pipeline fans out to.</summary>
/// <param name="Key">The initial letter the types share, or <c>_</c>; names the file.</param>
internal sealed record TypeGroupOutput(SpecIdentity Identity, string Key, EquatableArray<TypeOutput> Types);
