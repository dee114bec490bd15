using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace IblCodegen.Model;

/// <summary>
/// The partial method a service writes for an operation, decided once: the generated declaration writes it, the
/// diagnostics show it, and a service's own method is compared with it.
/// </summary>
/// <remarks>
/// Parameters come in the model's order (path, then required, then optional, each by name; see
/// <see cref="OperationSpec.Parameters"/>), then the body, then a <c>CancellationToken</c>. The result is
/// <c>Task&lt;Results&lt;Ok&lt;T&gt;, ..., ProblemHttpResult&gt;&gt;</c>: each documented success, and a problem for every error.
/// </remarks>
internal static class HandlerSignature
{
    private const string HttpResultsNamespace = "global::Microsoft.AspNetCore.Http.HttpResults";

    /// <summary>The declaration the generated code writes: fully qualified names.</summary>
    public static string Declaration(OperationSpec operation) => Write(operation, TypeNames.Qualified, "public partial ", withNames: true);

    /// <summary>The member of the operation's handler interface in an endpoint library, which the declaration implements.</summary>
    public static string InterfaceMember(OperationSpec operation) => Write(operation, TypeNames.Qualified, string.Empty, withNames: true);

    /// <summary>
    /// The method a service writes, as the diagnostics show it: short type names, as the service's own code reads with
    /// <c>using Microsoft.AspNetCore.Http.HttpResults;</c> and the spec's namespace.
    /// </summary>
    public static string ToWrite(OperationSpec operation) => Write(operation, TypeNames.Short, "public partial async ", withNames: true);

    /// <summary>
    /// What the compiler matches a partial method's parts by: the result and parameter types, with reference types'
    /// nullability left out (a difference there is only a warning). A service's method compares by the same text,
    /// written from its symbol (<c>HandlerClassParser</c>). Without namespaces: the generator sees the service's code
    /// before the spec's types exist, so the compiler knows them there only by the name the service wrote.
    /// </summary>
    public static string Key(OperationSpec operation) => WithoutNamespaces(Write(operation, TypeNames.Erased, string.Empty, withNames: false));

    /// <summary>The result type, fully qualified.</summary>
    public static string ResultType(OperationSpec operation) => ResultType(operation, TypeNames.Qualified);

    /// <summary>The result a success response is returned as, fully qualified: <c>Ok&lt;T&gt;</c>, <c>Created&lt;T&gt;</c>, <c>NoContent</c>….</summary>
    public static string SuccessType(ResponseSpec response) => SuccessType(response, TypeNames.Qualified);

    private static string Write(OperationSpec operation, TypeNames names, string head, bool withNames)
    {
        var parameters = Parameters(operation, names).Select(p => withNames ? $"{p.Type} {p.Name}" : p.Type);
        var name = withNames ? " " + operation.HandlerName : string.Empty;
        return $"{head}{names.Task}<{ResultType(operation, names)}>{name}({string.Join(", ", parameters)})";
    }

    /// <summary><c>global::A.B.C&lt;global::D.E&gt;</c> → <c>C&lt;E&gt;</c>, as Roslyn writes types qualified by name only.</summary>
    private static string WithoutNamespaces(string text)
    {
        var builder = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (string.CompareOrdinal(text, i, Global, 0, Global.Length) != 0)
            {
                builder.Append(text[i++]);
                continue;
            }

            i += Global.Length;
            var last = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.' or '@'))
            {
                if (text[i] == '.')
                {
                    last = i + 1;
                }

                i++;
            }

            builder.Append(text, last, i - last);
        }

        return builder.Replace("@", string.Empty).ToString();
    }

    private const string Global = "global::";

    private static IEnumerable<(string Type, string Name)> Parameters(OperationSpec operation, TypeNames names)
    {
        foreach (var parameter in operation.Parameters)
        {
            yield return (names.Of(parameter.Type), parameter.Identifier);
        }

        if (operation.Body is { } body)
        {
            var type = body.Kind == BodyKind.Json
                ? names.Of(body.Type.AsNullable(!body.IsRequired))
                : names.Nullable(names.In(names.Http, "IFormCollection"), !body.IsRequired);
            yield return (type, "body");
        }

        yield return (names.CancellationToken, "cancellationToken");
    }

    private static string ResultType(OperationSpec operation, TypeNames names)
    {
        var successes = operation.Responses.Where(r => r.IsSuccess).Select(r => SuccessType(r, names)).Distinct().Take(5).ToList();
        if (successes.Count == 0)
        {
            successes.Add(names.In(names.HttpResults, "Ok"));
        }

        successes.Add(names.In(names.HttpResults, "ProblemHttpResult"));
        return $"{names.In(names.HttpResults, "Results")}<{string.Join(", ", successes)}>";
    }

    private static string SuccessType(ResponseSpec response, TypeNames names) => (response.StatusCode, response.Type is { } t ? names.Of(t) : null) switch
    {
        (201, { } type) => $"{names.In(names.HttpResults, "Created")}<{type}>",
        (202, { } type) => $"{names.In(names.HttpResults, "Accepted")}<{type}>",
        (_, { } type) => $"{names.In(names.HttpResults, "Ok")}<{type}>",
        (201, null) => names.In(names.HttpResults, "Created"),
        (202, null) => names.In(names.HttpResults, "Accepted"),
        (204, null) => names.In(names.HttpResults, "NoContent"),
        _ => names.In(names.HttpResults, "Ok"),
    };

    /// <summary>How the framework's and the spec's types are written: fully qualified in code, short in messages, erased in keys.</summary>
    private sealed record TypeNames(string Task, string HttpResults, string Http, string CancellationToken, TypeStyle Style)
    {
        public static TypeNames Qualified { get; } = new("global::System.Threading.Tasks.Task", HttpResultsNamespace, "global::Microsoft.AspNetCore.Http", "global::System.Threading.CancellationToken", TypeStyle.Qualified);

        public static TypeNames Short { get; } = new("Task", "", "", "CancellationToken", TypeStyle.Short);

        public static TypeNames Erased { get; } = Qualified with { Style = TypeStyle.Erased };

        public string Of(TypeRef type) => Style switch
        {
            TypeStyle.Short => type.ShortName,
            TypeStyle.Erased => type.ErasedName,
            _ => type.Name,
        };

        /// <summary>A reference type made nullable, unless nullability is left out.</summary>
        public string Nullable(string referenceType, bool nullable) => nullable && Style != TypeStyle.Erased ? referenceType + "?" : referenceType;

        /// <summary>A type of a namespace as these names write it: <c>global::A.B.C</c> or <c>C</c>.</summary>
        public string In(string @namespace, string name) => @namespace.Length == 0 ? name : @namespace + "." + name;
    }

    private enum TypeStyle
    {
        Qualified,
        Short,
        Erased,
    }
}
