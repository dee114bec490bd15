using System.Collections.Generic;

namespace IblCodegen.Model.Naming;

/// <summary>
/// Hands out unique names within one scope (a namespace, a class): the second "FooBar" becomes "FooBar2".
/// Reserved names (the scope's own type name, names the emitters use) are never handed out.
/// </summary>
internal sealed class NameScope
{
    private readonly HashSet<string> _taken = new(System.StringComparer.Ordinal);

    public NameScope(params string[] reserved)
    {
        foreach (var name in reserved)
        {
            _taken.Add(name);
        }
    }

    /// <summary>Whether <paramref name="name"/> is reserved or claimed already.</summary>
    public bool IsTaken(string name) => _taken.Contains(name);

    public string Claim(string preferred)
    {
        if (_taken.Add(preferred))
        {
            return preferred;
        }

        for (var i = 2; ; i++)
        {
            var candidate = preferred + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (_taken.Add(candidate))
            {
                return candidate;
            }
        }
    }
}
