using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace IblCodegen.Model;

/// <summary>
/// What a handler class gets from its spec: the operations it implements, which of them it has not written (missing, or
/// stubbed with 501), the near misses (a method with an operation's name but another signature, or not partial), and
/// the handlers it wrote for operations it no longer has. Worked out once, the same way, for the source the class
/// receives and for the diagnostics reported at its declaration.
/// </summary>
internal sealed class HandlerPlan
{
    private HandlerPlan(
        ServerOutput? spec,
        EquatableArray<OperationSpec> operations,
        List<OperationSpec> missing,
        List<(OperationSpec Operation, HandlerMethodSpec Method)> wrongSignature,
        List<(OperationSpec Operation, HandlerMethodSpec Method)> notPartial,
        List<HandlerMethodSpec> stale,
        List<(HandlerMethodSpec Method, OperationSpec Operation)> renamed)
    {
        Spec = spec;
        Operations = operations;
        Missing = missing;
        WrongSignature = wrongSignature;
        NotPartial = notPartial;
        Stale = stale;
        Renamed = renamed;
    }

    /// <summary>The spec the class implements; null when it names none of the project's specs.</summary>
    public ServerOutput? Spec { get; }

    /// <summary>The operations the class selects.</summary>
    public EquatableArray<OperationSpec> Operations { get; }

    /// <summary>Selected operations whose handler the class does not declare: stubbed when it asks for stubs.</summary>
    public IReadOnlyList<OperationSpec> Missing { get; }

    /// <summary>
    /// Selected operations the class declares a method for by name, but not with the operation's signature. They get a
    /// generated 501 implementation, so that the compiler's one complaint is at the service's method (CS0759).
    /// </summary>
    public IReadOnlyList<(OperationSpec Operation, HandlerMethodSpec Method)> WrongSignature { get; }

    /// <summary>Selected operations whose handler has the right signature but no <c>partial</c>: called as it is, not declared again.</summary>
    public IReadOnlyList<(OperationSpec Operation, HandlerMethodSpec Method)> NotPartial { get; }

    /// <summary>Partial handler methods no selected operation has, and no missing one explains: the spec outgrew them.</summary>
    public IReadOnlyList<HandlerMethodSpec> Stale { get; }

    /// <summary>
    /// A handler whose operation vanished while an operation it has the exact signature of (so the same path
    /// parameters, the same query, the same body and results) appeared without a handler: an operationId renamed.
    /// The missing operation is stubbed like any other; it is not also reported as missing.
    /// </summary>
    public IReadOnlyList<(HandlerMethodSpec Method, OperationSpec Operation)> Renamed { get; }

    /// <summary>Operations that get a generated 501 implementation: the missing ones and those written with the wrong signature.</summary>
    public IEnumerable<OperationSpec> Stubbed => Missing.Concat(WrongSignature.Select(w => w.Operation));

    public static HandlerPlan For(HandlerClassSpec handlers, ImmutableArray<ServerOutput> specs)
    {
        if (OperationSelector.FindSpec(specs, handlers) is not { } spec)
        {
            return new HandlerPlan(null, EquatableArray<OperationSpec>.Empty, [], [], [], [], []);
        }

        var operations = OperationSelector.Select(spec, handlers);
        var missing = new List<OperationSpec>();
        var wrongSignature = new List<(OperationSpec, HandlerMethodSpec)>();
        var notPartial = new List<(OperationSpec, HandlerMethodSpec)>();
        foreach (var operation in operations)
        {
            var named = handlers.Methods.Where(m => m.Name == operation.HandlerName).ToList();
            if (named.Count == 0)
            {
                missing.Add(operation);
                continue;
            }

            var key = HandlerSignature.Key(operation);
            if (named.FirstOrDefault(m => m.Key == key) is not { } match)
            {
                wrongSignature.Add((operation, named.FirstOrDefault(m => m.IsPartial) ?? named[0]));
            }
            else if (!match.IsPartial)
            {
                notPartial.Add((operation, match));
            }
        }

        var expected = new HashSet<string>(operations.Select(o => o.HandlerName), System.StringComparer.Ordinal);
        var stale = handlers.Methods.Where(m => m.IsPartial && m.IsHandlerShaped && !expected.Contains(m.Name)).ToList();

        // A stale handler and a missing operation of one signature, each the only one of that signature on its side.
        var renamed = new List<(HandlerMethodSpec, OperationSpec)>();
        var missingKeys = stale.Count == 0 ? [] : missing.Select(o => (Operation: o, Key: HandlerSignature.Key(o))).ToList();
        foreach (var method in stale.ToList())
        {
            var candidates = missingKeys.Where(m => m.Key == method.Key).Select(m => m.Operation).Take(2).ToList();
            if (candidates.Count == 1 && stale.Count(m => m.Key == method.Key) == 1)
            {
                renamed.Add((method, candidates[0]));
                stale.Remove(method);
            }
        }

        return new HandlerPlan(spec, operations, missing, wrongSignature, notPartial, stale, renamed);
    }
}
