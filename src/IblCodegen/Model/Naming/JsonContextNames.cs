using System.Collections.Generic;

namespace IblCodegen.Model.Naming;

/// <summary>The names of the members the spec's JSON context declares for each type's metadata.</summary>
internal static class JsonContextNames
{
    /// <summary>Members of the context (its own and inherited) a type-info property must not be named like.</summary>
    public static readonly HashSet<string> ContextMembers = new(System.StringComparer.Ordinal)
    {
        "Options", "Default", "GeneratedSerializerOptions", "GetTypeInfo", "Property", "PageProperties",
        "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals",
    };

    /// <summary>The context's public property for a declared type: the type's name, unless the context already has such a member.</summary>
    public static string PropertyName(string typeName) => ContextMembers.Contains(typeName) ? typeName + "TypeInfo" : typeName;
}
