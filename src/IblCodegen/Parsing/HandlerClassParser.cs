using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using IblCodegen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IblCodegen.Parsing;

/// <summary>Reads a class marked <c>[IblCodegen.OpenApiHandlers]</c> into a <see cref="HandlerClassSpec"/>.</summary>
internal static class HandlerClassParser
{
    public const string AttributeName = "IblCodegen.OpenApiHandlersAttribute";

    /// <param name="methodSites">Where each of the class's own methods is declared: for diagnostics only.</param>
    public static HandlerClassSpec Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken, out EquatableArray<HandlerMethodSite> methodSites)
    {
        var symbol = (INamedTypeSymbol)context.TargetSymbol;
        var syntax = (ClassDeclarationSyntax)context.TargetNode;
        var attribute = context.Attributes[0];

        string? spec = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        ImmutableArray<TypedConstant> tags = default, operations = default, prefixes = default;
        var stubs = false;
        foreach (var argument in attribute.NamedArguments)
        {
            switch (argument.Key)
            {
                case "Tags": tags = argument.Value.Values; break;
                case "Operations": operations = argument.Value.Values; break;
                case "PathPrefixes": prefixes = argument.Value.Values; break;
                case "StubMissingHandlers": stubs = argument.Value.Value is true; break;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var own = OwnMethods(symbol, cancellationToken).Select(m => (m.Symbol, m.Syntax, Key: Key(m.Symbol))).ToList();
        methodSites = own.Select(m => new HandlerMethodSite(m.Symbol.Name, m.Key, m.Syntax.Identifier.GetLocation())).ToEquatableArray();
        var methods = own
            .Select(m => new HandlerMethodSpec(m.Symbol.Name, m.Syntax.Modifiers.Any(SyntaxKind.PartialKeyword), IsHandlerShaped(m.Symbol), m.Key, m.Symbol.ToDisplayString(s_display)))
            .OrderBy(m => m.Name, System.StringComparer.Ordinal)
            .ThenBy(m => m.Key, System.StringComparer.Ordinal)
            .ToEquatableArray();

        var problem = symbol.ContainingType is not null ? "it is nested in " + symbol.ContainingType.Name
            : symbol.IsStatic ? "it is static"
            : symbol.IsGenericType ? "it is generic"
            : !syntax.Modifiers.Any(SyntaxKind.PartialKeyword) ? "it is not partial"
            : null;

        return new HandlerClassSpec(
            Namespace: symbol.ContainingNamespace.IsGlobalNamespace ? null : symbol.ContainingNamespace.ToDisplayString(),
            Name: symbol.Name,
            Accessibility: symbol.DeclaredAccessibility == Accessibility.Public ? "public" : "internal",
            Spec: spec,
            Tags: Strings(tags),
            Operations: Strings(operations),
            PathPrefixes: Strings(prefixes),
            Methods: methods,
            StubMissingHandlers: stubs,
            Problem: problem);
    }

    /// <summary>Each string the attribute's Tags, Operations and PathPrefixes list, with the literal's location.</summary>
    public static EquatableArray<HandlerSelectionEntry> SelectionEntries(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.Attributes[0].ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax { ArgumentList: { } arguments })
        {
            return EquatableArray<HandlerSelectionEntry>.Empty;
        }

        return arguments.Arguments
            .Where(argument => argument.NameEquals?.Name.Identifier.ValueText is "Tags" or "Operations" or "PathPrefixes")
            .SelectMany(argument => argument.Expression.DescendantNodesAndSelf()
                .OfType<LiteralExpressionSyntax>()
                .Where(literal => literal.IsKind(SyntaxKind.StringLiteralExpression) && literal.Token.ValueText.Length > 0)
                .Select(literal => new HandlerSelectionEntry(argument.NameEquals!.Name.Identifier.ValueText, literal.Token.ValueText, literal.GetLocation())))
            .ToEquatableArray();
    }

    /// <summary>
    /// The ordinary methods declared in the class's own source, each with its first declaration. Handlers are among
    /// them; which ones is for the spec to say. Other partial methods ([GeneratedRegex], [LoggerMessage]) belong to
    /// other generators, and are told apart by their names and result types.
    /// </summary>
    private static IEnumerable<(IMethodSymbol Symbol, MethodDeclarationSyntax Syntax)> OwnMethods(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            if (method.MethodKind == MethodKind.Ordinary
                && method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is MethodDeclarationSyntax syntax)
            {
                yield return (method, syntax);
            }
        }
    }

    /// <summary>
    /// A method's result and parameter types as <see cref="HandlerSignature.Key"/> writes an operation's: by name only,
    /// special types as keywords, no nullable reference type marks, and no <c>?</c> on the spec's own value types
    /// (<see cref="IsFrameworkType"/>).
    /// </summary>
    private static string Key(IMethodSymbol method) =>
        KeyOf(method.ReturnType) + "(" + string.Join(", ", method.Parameters.Select(p => KeyOf(p.Type))) + ")";

    private static string KeyOf(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => KeyOf(array.ElementType) + "[]",
        INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments: [var inner] } =>
            IsFrameworkType(inner) ? KeyOf(inner) + "?" : KeyOf(inner),
        INamedTypeSymbol { TypeArguments.Length: > 0 } generic => generic.Name + "<" + string.Join(", ", generic.TypeArguments.Select(KeyOf)) + ">",
        _ => type.ToDisplayString(s_key),
    };

    /// <summary>
    /// A type of .NET's own (<c>int</c>, <c>DateOnly</c>, <c>JsonElement</c>), whose <c>?</c> the key keeps. The spec's
    /// types are error types while this project generates them, or a library's types when it generates only the
    /// server (<c>Generate="Server"</c>): either way their <c>?</c> is left out, as the key leaves it out for them.
    /// </summary>
    private static bool IsFrameworkType(ITypeSymbol type) =>
        type.TypeKind != TypeKind.Error
        && (type.SpecialType != SpecialType.None
            || type.ContainingNamespace?.ToDisplayString() is "System" or "System.Text.Json");

    private static readonly SymbolDisplayFormat s_key = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameOnly,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    /// <summary>A signature in short names, with nullability: <c>Task&lt;Results&lt;Ok, ProblemHttpResult&gt;&gt; GetAsync(string? org, CancellationToken cancellationToken)</c>.</summary>
    private static readonly SymbolDisplayFormat s_display = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameOnly,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeType | SymbolDisplayMemberOptions.IncludeParameters,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName | SymbolDisplayParameterOptions.IncludeParamsRefOut,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes
            | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers
            | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static bool IsHandlerShaped(IMethodSymbol method) =>
        method.ReturnType is INamedTypeSymbol { Name: "Task", TypeArguments: [INamedTypeSymbol result] }
        && result.ContainingNamespace.ToDisplayString() == "Microsoft.AspNetCore.Http.HttpResults";

    private static EquatableArray<string> Strings(ImmutableArray<TypedConstant> values) =>
        values.IsDefault
            ? EquatableArray<string>.Empty
            : values.Select(v => v.Value as string).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToEquatableArray();
}
