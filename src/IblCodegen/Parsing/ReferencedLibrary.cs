using System;
using System.Linq;
using System.Threading;
using IblCodegen.Diagnostics;
using IblCodegen.Model;
using Microsoft.CodeAnalysis;

namespace IblCodegen.Parsing;

/// <summary>
/// Finds the library a server-only spec's types come from (<c>Generate="Server"</c>): a referenced assembly that
/// declares the spec's JSON context and spec-info class, public, in the spec's namespace, generated from the same
/// version. Asked for server-only specs alone: looking a type up binds the compilation's references, which no other
/// project should pay for inside the generator.
/// </summary>
internal static class ReferencedLibrary
{
    /// <summary>What a server-only spec needs from its library.</summary>
    public sealed record Expected(SpecIdentity Identity, string Version);

    /// <summary>What was found, as diagnostics: none when the library is there and of the same version.</summary>
    /// <param name="Endpoints">
    /// The library's endpoints class, fully qualified, when it is an endpoint library (<c>Generate="Library"</c>): the
    /// service then maps the library's endpoints and uses its server runtime.
    /// </param>
    /// <param name="MapMethods">
    /// The names of that class's map methods, sorted (one per operation the library holds): a service maps only these.
    /// </param>
    public sealed record Found(SpecIdentity Identity, EquatableArray<DiagnosticInfo> Diagnostics, string? Endpoints = null, EquatableArray<string> MapMethods = default);

    public static Found Find(Expected expected, Compilation compilation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var identity = expected.Identity;
        var location = LocationInfo.File(identity.SpecPath);
        var contextName = identity.Namespace + "." + identity.JsonContextTypeName;
        if (Referenced(compilation, contextName) is null)
        {
            return new Found(identity, One(DiagnosticInfo.Create(DiagnosticDescriptors.ServerOnlyWithoutLibrary, location, identity.SpecPath, contextName)));
        }

        var specInfoName = identity.Namespace + "." + identity.SpecInfoTypeName;
        var version = Referenced(compilation, specInfoName)?.GetMembers("Version").OfType<IFieldSymbol>().FirstOrDefault()?.ConstantValue as string;
        if (version is null)
        {
            return new Found(identity, One(DiagnosticInfo.Create(DiagnosticDescriptors.ServerOnlyWithoutLibrary, location, identity.SpecPath, specInfoName + ".Version")));
        }

        var endpointsName = identity.Namespace + "." + identity.EndpointsTypeName;
        var endpointsType = Referenced(compilation, endpointsName);
        var endpoints = endpointsType is null ? null : "global::" + endpointsName;

        // Member names alone: read off the metadata without building the members' symbols.
        var mapMethods = endpointsType is null
            ? EquatableArray<string>.Empty
            : endpointsType.MemberNames.Where(name => name.StartsWith("Map", StringComparison.Ordinal)).OrderBy(name => name, StringComparer.Ordinal).ToEquatableArray();
        return version == expected.Version
            ? new Found(identity, EquatableArray<DiagnosticInfo>.Empty, endpoints, mapMethods)
            : new Found(identity, One(DiagnosticInfo.Create(DiagnosticDescriptors.LibraryOfAnotherVersion, location, identity.SpecPath, expected.Version, specInfoName, version)), endpoints, mapMethods);
    }

    private static EquatableArray<DiagnosticInfo> One(DiagnosticInfo diagnostic) => new[] { diagnostic }.ToEquatableArray();

    /// <summary>A public type of that name from a referenced assembly; null when there is none, or more than one.</summary>
    private static INamedTypeSymbol? Referenced(Compilation compilation, string metadataName) =>
        compilation.GetTypeByMetadataName(metadataName) is { DeclaredAccessibility: Accessibility.Public } type
        && !SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compilation.Assembly)
            ? type
            : null;
}
