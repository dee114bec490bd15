using System;
using System.Linq;
namespace IblCodegen.Model;

/// <summary>
/// Which operations a handler class implements: those matching any of its tags, operationIds or path prefixes;
/// every operation when it names none. Unselected operations create no obligations.
/// </summary>
internal static class OperationSelector
{
    public static EquatableArray<OperationSpec> Select(ServerOutput model, HandlerClassSpec handlers)
    {
        // The same matching as the spec item's selection.
        var selection = new SpecSelection(handlers.Tags, handlers.Operations, handlers.PathPrefixes);
        return selection.IsAll ? model.Operations : model.Operations.Where(selection.Selects).ToEquatableArray();
    }

    /// <summary>The spec a handler class names: by title, file name (stem) or namespace; the only spec when it names none.</summary>
    public static ServerOutput? FindSpec(System.Collections.Immutable.ImmutableArray<ServerOutput> models, HandlerClassSpec handlers)
    {
        if (handlers.Spec is null)
        {
            return models.Length == 1 ? models[0] : null;
        }

        return models.FirstOrDefault(m =>
            string.Equals(m.Identity.Title, handlers.Spec, StringComparison.OrdinalIgnoreCase)
            || string.Equals(m.Identity.HintPrefix, handlers.Spec, StringComparison.OrdinalIgnoreCase)
            || string.Equals(m.Identity.TypePrefix, handlers.Spec, StringComparison.Ordinal)
            || string.Equals(m.Identity.Namespace, handlers.Spec, StringComparison.Ordinal));
    }
}
