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

    public static HandlerClassSpec Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
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
        var declared = symbol.GetMembers()
            .OfType<IMethodSymbol>()
            .Where(m => m.MethodKind == MethodKind.Ordinary)
            .Select(m => m.Name)
            .Distinct()
            .OrderBy(n => n, System.StringComparer.Ordinal)
            .ToEquatableArray();

        // Handlers are partial methods returning Task<Results<…>>; other partial methods ([GeneratedRegex],
        // [LoggerMessage]) belong to other generators.
        var partials = symbol.GetMembers()
            .OfType<IMethodSymbol>()
            .Where(IsHandlerShaped)
            .Where(m => m.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is MethodDeclarationSyntax method && method.Modifiers.Any(SyntaxKind.PartialKeyword)))
            .Select(m => m.Name)
            .Distinct()
            .OrderBy(n => n, System.StringComparer.Ordinal)
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
            DeclaredMethods: declared,
            PartialMethods: partials,
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

    private static bool IsHandlerShaped(IMethodSymbol method) =>
        method.ReturnType is INamedTypeSymbol { Name: "Task", TypeArguments: [INamedTypeSymbol result] }
        && result.ContainingNamespace.ToDisplayString() == "Microsoft.AspNetCore.Http.HttpResults";

    private static EquatableArray<string> Strings(ImmutableArray<TypedConstant> values) =>
        values.IsDefault
            ? EquatableArray<string>.Empty
            : values.Select(v => v.Value as string).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToEquatableArray();
}
