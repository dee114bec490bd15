using System.Collections.Generic;
using System.Linq;

namespace IblCodegen.Model;

/// <summary>One type together with what its file needs from the rest of the spec: the unit the pipeline fans out to.</summary>
/// <param name="InheritedRequiredMembers">
/// The required members of the type's base classes: the serialization metadata creates instances through an object
/// initializer, which must set every required member, inherited ones included.
/// </param>
internal sealed record TypeOutput(SpecIdentity Identity, TypeSpec Type, EquatableArray<string> InheritedRequiredMembers)
{
    public static IEnumerable<TypeOutput> From(SpecModel model)
    {
        var objects = model.Types.OfType<ObjectTypeSpec>().ToDictionary(t => model.Identity.Qualify(t.Name));
        foreach (var type in model.Types)
        {
            var inherited = type is ObjectTypeSpec objectType ? InheritedRequired(model.Identity, objects, objectType) : [];
            yield return new TypeOutput(model.Identity, type, inherited.ToEquatableArray());
        }
    }

    private static List<string> InheritedRequired(SpecIdentity identity, Dictionary<string, ObjectTypeSpec> objects, ObjectTypeSpec type)
    {
        var names = new List<string>();
        var seen = new HashSet<string>();
        for (var baseName = type.BaseTypeName; baseName is not null && seen.Add(baseName);)
        {
            if (baseName.StartsWith(identity.Qualify(Parsing.ModelBuilder.PageTypeName) + "<", System.StringComparison.Ordinal))
            {
                names.Add("Count");
                names.Add("Results");
                break;
            }

            if (!objects.TryGetValue(baseName, out var baseType))
            {
                break;
            }

            names.AddRange(baseType.Properties.Where(p => p.IsRequired).Select(p => p.Name));
            baseName = baseType.BaseTypeName;
        }

        return names;
    }
}
