using System;
using System.Collections.Generic;
using System.Linq;
using IblCodegen.Model.Naming;

namespace IblCodegen.Model;

/// <summary>
/// A spec's model cut into what each generated file needs, and nothing more: the pipeline gives every file a step of
/// its own from these parts, so an edit re-emits only the files whose part it changed. A schema's description is in
/// its model file alone, an operation's in its tag client and handler files, the version in the spec-info file.
/// </summary>
/// <param name="StringOrInteger">The spec, when its JSON holds a string-or-integer value and the struct is declared.</param>
internal sealed record SpecOutputs(
    SpecInfoOutput SpecInfo,
    JsonGraphOutput Json,
    RootClientOutput RootClient,
    EquatableArray<TagClientOutput> TagClients,
    ServerOutput Server,
    EquatableArray<EndpointGroupOutput> EndpointGroups,
    DocumentOutput? Document,
    SpecIdentity? StringOrInteger)
{
    public static SpecOutputs From(SpecModel model)
    {
        var graph = new JsonTypeGraph(model);
        var objects = model.Types.OfType<ObjectTypeSpec>().ToDictionary(t => model.Identity.Qualify(t.Name), StringComparer.Ordinal);
        return new SpecOutputs(
            SpecInfoOutput.From(model),
            graph.ToOutput(model.Identity),
            RootClientOutput.From(model),
            model.Clients.Select(client => TagClientOutput.From(model, client, graph, objects)).ToEquatableArray(),
            ServerOutput.From(model, graph),
            model.Identity.EndpointLibrary
                ? model.Clients.Select(client => EndpointGroupOutput.From(model, client, graph)).ToEquatableArray()
                : EquatableArray<EndpointGroupOutput>.Empty,
            model.Document is { } document ? new DocumentOutput(model.Identity, document) : null,
            graph.UsesStringOrInteger ? model.Identity : null);
    }
}

/// <summary>The spec's own document, JSON, which the service serves as its OpenAPI document.</summary>
internal sealed record DocumentOutput(SpecIdentity Identity, string Json);

/// <summary>The spec-info class: title, version, and a constant per permission and per security scheme.</summary>
internal sealed record SpecInfoOutput(
    SpecIdentity Identity,
    string Version,
    EquatableArray<PermissionConstant> Permissions,
    EquatableArray<SchemeConstant> Schemes)
{
    public static SpecInfoOutput From(SpecModel model)
    {
        // Permission names are identifiers, but may be keywords ("class": @class), the class's own name, or the name of
        // a member every class inherits (a constant of that name would hide it: CS0108).
        var constants = new NameScope([ReservedNames.PermissionsClass, .. ReservedNames.ObjectMembers]);
        var permissions = model.Operations
            .SelectMany(o => o.Permissions)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => new PermissionConstant(constants.Claim(Identifiers.EscapeKeyword(p)), p, model.Operations.Count(o => o.Permissions.Contains(p))))
            .ToEquatableArray();
        var names = new NameScope([ReservedNames.SecuritySchemesClass, .. ReservedNames.ObjectMembers]);
        var schemes = model.SecuritySchemes
            .Select(s => new SchemeConstant(names.Claim(Identifiers.ToPascalCase(s.Name, "Scheme")), s.Name, s.Kind, s.In, s.ParameterName))
            .ToEquatableArray();
        return new SpecInfoOutput(model.Identity, model.Version, permissions, schemes);
    }
}

/// <param name="Uses">How many operations accept the permission.</param>
internal sealed record PermissionConstant(string Name, string Value, int Uses);

internal sealed record SchemeConstant(string Name, string Value, string Kind, string? In, string? ParameterName);

/// <summary>The root client, its options and its DI registration: the tag clients it holds and the scheme a key is sent with.</summary>
/// <param name="KeyScheme">The first apiKey scheme sent in a header, without its description; null when there is none.</param>
internal sealed record RootClientOutput(SpecIdentity Identity, EquatableArray<TagClientSpec> Clients, SecuritySchemeSpec? KeyScheme)
{
    public static RootClientOutput From(SpecModel model) =>
        new(
            model.Identity,
            model.Clients,
            model.SecuritySchemes.FirstOrDefault(s => s.Kind == "apiKey" && s.In == "header" && !string.IsNullOrEmpty(s.ParameterName)) is { } scheme
                ? scheme with { Description = null }
                : null);
}

/// <summary>One tag client: its operations, what each returns and how it pages, the form-body classes, their JSON properties.</summary>
/// <param name="Objects">The classes the client takes apart into form fields (with their bases), without descriptions: those belong to the model files.</param>
internal sealed record TagClientOutput(
    SpecIdentity Identity,
    TagClientSpec Client,
    EquatableArray<ClientOperation> Operations,
    EquatableArray<ObjectTypeSpec> Objects,
    EquatableArray<JsonTypeKey> JsonProperties)
{
    public static TagClientOutput From(SpecModel model, TagClientSpec client, JsonTypeGraph graph, Dictionary<string, ObjectTypeSpec> objects)
    {
        var operations = model.Operations.Where(o => o.Tag == client.Tag).ToList();

        // The page walkers' names must not take a call's name (nor one another's).
        var methodNames = new NameScope(operations.Select(o => o.ClientMethodName).ToArray());
        var clientOperations = operations.Select(operation => ClientOperation.From(operation, objects, methodNames)).ToEquatableArray();
        var needed = new Dictionary<string, ObjectTypeSpec>(StringComparer.Ordinal);
        var types = new List<TypeRef>();
        foreach (var operation in operations)
        {
            if (operation.Body is { } body)
            {
                types.Add(body.Type);
                if (body.Kind != BodyKind.Json)
                {
                    foreach (var objectType in Chain(body.Type, objects))
                    {
                        needed[objectType.Key] = objectType.Value;
                        types.AddRange(objectType.Value.Properties.Select(p => p.Type.NonNullable));
                    }
                }
            }

            types.AddRange(operation.Responses.Where(r => r.IsSuccess && r.Type is not null).Select(r => r.Type!));
        }

        var stripped = needed.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => WithoutDescriptions(p.Value)).ToEquatableArray();
        return new TagClientOutput(model.Identity, client, clientOperations, stripped, graph.KeysFor(types));
    }

    /// <summary>A class and its bases, each with its qualified name.</summary>
    private static IEnumerable<KeyValuePair<string, ObjectTypeSpec>> Chain(TypeRef type, Dictionary<string, ObjectTypeSpec> objects)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var name = type.NonNullable.Name; name is not null && seen.Add(name) && objects.TryGetValue(name, out var objectType); name = objectType.BaseType?.Name)
        {
            yield return new KeyValuePair<string, ObjectTypeSpec>(name, objectType);
        }
    }

    private static ObjectTypeSpec WithoutDescriptions(ObjectTypeSpec type) =>
        type with
        {
            Summary = null,
            Properties = type.Properties.Select(p => p with { Summary = null, DefaultValue = null }).ToEquatableArray(),
        };
}

/// <summary>An operation as its tag client calls it.</summary>
/// <param name="ResultType">The body a call returns (the first documented success body), or null when none is documented.</param>
/// <param name="ResultMayBeEmpty">Another success comes without a body: the call then returns null.</param>
/// <param name="Paging">How to walk the operation's pages, for a paged list; null otherwise.</param>
internal sealed record ClientOperation(OperationSpec Operation, TypeRef? ResultType, bool ResultMayBeEmpty, ClientPaging? Paging)
{
    public static ClientOperation From(OperationSpec operation, Dictionary<string, ObjectTypeSpec> objects, NameScope methodNames)
    {
        var successes = operation.Responses.Where(r => r.IsSuccess).ToList();
        var typed = successes.FirstOrDefault(r => r.Type is not null);
        var result = typed is null ? null : JsonTypeGraph.Normalize(typed.Type!);
        var mayBeEmpty = typed is not null && successes.Any(r => r.Type is null);
        var paging = result is null || mayBeEmpty || typed!.PageLinkStyle is not { } style ? null : PagingOf(operation, result, style, objects, methodNames);
        return new ClientOperation(operation, result, mayBeEmpty, paging);
    }

    /// <summary>
    /// A list paged by links walks them; one paged by page number walks its optional <c>page</c> parameter (without
    /// one it cannot be walked). The envelope is the page type itself or a class extending it.
    /// </summary>
    private static ClientPaging? PagingOf(OperationSpec operation, TypeRef pageType, PageLinkStyle style, Dictionary<string, ObjectTypeSpec> objects, NameScope methodNames)
    {
        var envelope = pageType;
        if (envelope.Kind != TypeRefKind.Page && objects.TryGetValue(envelope.Name, out var subclass) && subclass.BaseType is { } baseType)
        {
            envelope = baseType;
        }

        if (envelope.Kind != TypeRefKind.Page)
        {
            return null;
        }

        ParameterSpec? page = null;
        if (style == PageLinkStyle.NextPagePreviousPageNumbers)
        {
            page = operation.Parameters.FirstOrDefault(p =>
                p.Location == ParameterLocation.Query && p.Name == "page" && !p.IsArray && !p.IsRequired && p.Kind == ValueKind.Int32);
            if (page is null)
            {
                return null;
            }
        }

        return new ClientPaging(pageType, envelope.Element!, page, methodNames.Claim(EnumerateName(operation)));
    }

    /// <summary><c>EnumerateSuggestionsCourseManageGroupAsync</c> for <c>GetSuggestionsCourseManageGroup</c>: the verb gives way to "Enumerate".</summary>
    private static string EnumerateName(OperationSpec operation)
    {
        var name = operation.Name;
        foreach (var verb in new[] { "Get", "List" })
        {
            if (name.Length > verb.Length && name.StartsWith(verb, StringComparison.Ordinal) && char.IsUpper(name[verb.Length]))
            {
                name = name.Substring(verb.Length);
                break;
            }
        }

        return "Enumerate" + name + "Async";
    }
}

/// <summary>How a client walks a paged list: the page type, its items, the page-number parameter (for lists linked by number), the walker's name.</summary>
internal sealed record ClientPaging(TypeRef PageType, TypeRef ItemType, ParameterSpec? PageParameter, string MethodName);

/// <summary>What the handler classes of a spec are generated from: its operations and their bodies' JSON properties.</summary>
/// <param name="Version">Named by the diagnostic about a handler the spec no longer has.</param>
internal sealed record ServerOutput(SpecIdentity Identity, string Version, EquatableArray<OperationSpec> Operations, EquatableArray<JsonTypeKey> JsonProperties)
{
    public static ServerOutput From(SpecModel model, JsonTypeGraph graph) =>
        new(
            model.Identity,
            model.Version,
            model.Operations,
            graph.KeysForJsonBodies(model.Operations));
}

/// <summary>
/// The server side of one tag's operations in an endpoint library (<c>Generate="Library"</c>): a file per tag, as for
/// the tag clients, so an edit to one operation re-emits its tag's file alone.
/// </summary>
/// <param name="Key">Names the file: the tag's property name on the root client, unique in the spec.</param>
internal sealed record EndpointGroupOutput(SpecIdentity Identity, string Key, EquatableArray<OperationSpec> Operations, EquatableArray<JsonTypeKey> JsonProperties)
{
    public static EndpointGroupOutput From(SpecModel model, TagClientSpec client, JsonTypeGraph graph)
    {
        var operations = model.Operations.Where(o => o.Tag == client.Tag).ToEquatableArray();
        return new EndpointGroupOutput(
            model.Identity,
            client.PropertyName,
            operations,
            graph.KeysForJsonBodies(operations));
    }
}
