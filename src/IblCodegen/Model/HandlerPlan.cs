using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace IblCodegen.Model;

/// <summary>
/// What a handler class gets from its spec: the operations it implements, which of them it has not written (missing, or
/// stubbed with 501), and the handlers it wrote for operations it no longer has. Worked out once, the same way, for the
/// source the class receives and for the diagnostics reported at its declaration.
/// </summary>
internal sealed class HandlerPlan
{
    private HandlerPlan(ServerOutput? spec, EquatableArray<OperationSpec> operations, List<OperationSpec> missing, List<string> stale)
    {
        Spec = spec;
        Operations = operations;
        Missing = missing;
        Stale = stale;
    }

    /// <summary>The spec the class implements; null when it names none of the project's specs.</summary>
    public ServerOutput? Spec { get; }

    /// <summary>The operations the class selects.</summary>
    public EquatableArray<OperationSpec> Operations { get; }

    /// <summary>Selected operations whose handler the class does not declare: stubbed when it asks for stubs.</summary>
    public IReadOnlyList<OperationSpec> Missing { get; }

    /// <summary>Partial handler methods no selected operation has: the spec outgrew them.</summary>
    public IReadOnlyList<string> Stale { get; }

    public static HandlerPlan For(HandlerClassSpec handlers, ImmutableArray<ServerOutput> specs)
    {
        if (OperationSelector.FindSpec(specs, handlers) is not { } spec)
        {
            return new HandlerPlan(null, EquatableArray<OperationSpec>.Empty, [], []);
        }

        var operations = OperationSelector.Select(spec, handlers);
        var missing = operations.Where(o => !handlers.DeclaredMethods.Contains(o.HandlerName)).ToList();
        var expected = new HashSet<string>(operations.Select(o => o.HandlerName), System.StringComparer.Ordinal);
        var stale = handlers.PartialMethods.Where(m => !expected.Contains(m)).ToList();
        return new HandlerPlan(spec, operations, missing, stale);
    }
}
