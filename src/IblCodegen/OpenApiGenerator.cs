using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using IblCodegen.Diagnostics;
using IblCodegen.Emitting;
using IblCodegen.Model;
using IblCodegen.Model.Naming;
using IblCodegen.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace IblCodegen;

/// <summary>
/// Generates C# from the OpenAPI documents of a project: every AdditionalFile marked <c>IblCodegenSpec="true"</c>
/// (the <c>IblOpenApiSpec</c> item does that).
/// </summary>
/// <remarks>
/// The pipeline: spec files (path, text, options: plain strings) → files whose names collide set aside (a Collect over
/// paths) → parse into a value-equatable <see cref="SpecResult"/> → its diagnostics to one output, its model cut by
/// <see cref="SpecOutputs"/> into a step per generated file (spec info, page, JSON context, root client, each tag
/// client, each model file, the server's operations, an endpoint library's file per tag). Classes marked
/// <c>[OpenApiHandlers]</c> are read into plain records, joined with the server steps (and a referenced endpoint
/// library, if any) to emit endpoints, and, with their source locations, to report diagnostics at the user's code. An edit elsewhere in the compilation leaves every spec step cached; an edit to a spec re-emits
/// only the files whose part of the model it changed.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class OpenApiGenerator : IIncrementalGenerator
{
    /// <summary>The item metadata that marks an AdditionalFile as a spec.</summary>
    public const string SpecMetadata = "IblCodegenSpec";

    /// <summary>The item metadata (or project property, for every spec) that sets the namespace of the generated code.</summary>
    public const string NamespaceMetadata = "IblCodegenNamespace";

    /// <summary>The item metadata selecting operations by tag, operationId or path prefix (<c>;</c>-separated lists).</summary>
    public const string TagsMetadata = "IblCodegenTags";

    public const string OperationsMetadata = "IblCodegenOperations";

    public const string PathPrefixesMetadata = "IblCodegenPathPrefixes";

    /// <summary>The item metadata naming what the spec's own types start with (<c>IblDataManager</c> → <c>IblDataManagerClient</c>).</summary>
    public const string TypePrefixMetadata = "IblCodegenTypePrefix";

    /// <summary>The item metadata that has the spec's own document generated, for the service to serve (<c>true</c>).</summary>
    public const string ServeDocumentMetadata = "IblCodegenServeDocument";

    /// <summary>The item metadata that has only the server generated (<c>Server</c>), against a referenced library's types.</summary>
    public const string GenerateMetadata = "IblCodegenGenerate";

    /// <summary>The project property that turns server generation off (<c>false</c>).</summary>
    public const string EmitServerProperty = "IblCodegenEmitServer";

    /// <summary>The project property that turns client generation off (<c>false</c>).</summary>
    public const string EmitClientProperty = "IblCodegenEmitClient";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        context.RegisterPostInitializationOutput(static context =>
            context.AddSource(HandlersAttributeEmitter.HintName, SourceText.From(HandlersAttributeEmitter.Emit(), System.Text.Encoding.UTF8)));

        var specFiles = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) => ReadSpecFile(pair.Left, pair.Right, cancellationToken))
            .Where(static file => file is not null)
            .Select(static (file, _) => file!)
            .WithTrackingName(TrackingNames.SpecFiles);

        // Every output of a spec is named after its file: two files whose names give one prefix are found here, from the
        // paths alone, so editing a spec's text leaves this step cached. The first path (in ordinal order) keeps the
        // name; the others are reported at their own file and generate nothing.
        var shadowed = specFiles
            .Select(static (file, _) => file.Path)
            .Collect()
            .Select(static (paths, _) => SpecFileNames.Shadowed(paths))
            .WithTrackingName(TrackingNames.SpecFileNames);
        context.RegisterSourceOutput(shadowed, static (context, shadowed) =>
        {
            foreach (var file in shadowed.Files)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateHintName, LocationInfo.File(file.Path).ToLocation(), file.Path, file.KeptPath));
            }
        });

        var uniqueFiles = specFiles
            .Combine(shadowed)
            .Where(static pair => !pair.Right.Contains(pair.Left.Path))
            .Select(static (pair, _) => pair.Left)
            .WithTrackingName(TrackingNames.UniqueSpecFiles);

        var parsed = uniqueFiles
            .Select(static (file, cancellationToken) => SpecResultCache.GetOrParse(file, cancellationToken))
            .WithTrackingName(TrackingNames.SpecResults);

        // Types are named after the spec's title, which two versions of one spec share: found over the names alone
        // (an edit that keeps the title leaves this step cached), and each spec after the first is parsed again with
        // names from its file. Projects with one spec, or specs of different titles, never parse twice.
        var nameClashes = parsed
            .Select(static (result, _) => result.Model?.Identity)
            .Where(static identity => identity is not null)
            .Select(static (identity, _) => identity!)
            .Collect()
            .Select(static (identities, _) => SpecTypeNames.Clashes(identities))
            .WithTrackingName(TrackingNames.SpecTypeNames);
        var kept = parsed
            .Combine(nameClashes)
            .Where(static pair => pair.Left.Model is not { } model || pair.Right.Find(model.Identity.SpecPath) is null)
            .Select(static (pair, _) => pair.Left);
        var renamed = uniqueFiles
            .Combine(nameClashes)
            .Where(static pair => pair.Right.Find(pair.Left.Path) is not null)
            .Select(static (pair, cancellationToken) => SpecParser.ParseRenamed(pair.Left, pair.Right.Find(pair.Left.Path)!, cancellationToken))
            .WithTrackingName(TrackingNames.RenamedSpecResults);
        var results = kept.Collect()
            .Combine(renamed.Collect())
            .SelectMany(static (pair, _) => pair.Left.AddRange(pair.Right))
            .WithTrackingName(TrackingNames.NamedSpecResults);

        // The diagnostics as a step of their own: an edit that changes the model but not the problems found re-reports nothing.
        var specDiagnostics = results.Select(static (result, _) => new SpecDiagnostics(result.Diagnostics)).WithTrackingName(TrackingNames.SpecDiagnostics);
        context.RegisterSourceOutput(specDiagnostics, static (context, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics.Items)
            {
                context.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        var models = results
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName(TrackingNames.Models);

        // The model cut into what each file needs (SpecOutputs); each part then gets a step of its own, which stays
        // cached while its part compares equal, whatever else the edit changed.
        var outputs = models
            .Select(static (model, _) => SpecOutputs.From(model))
            .WithTrackingName(TrackingNames.Outputs);

        // The spec's types and client, unless a referenced library holds them (Generate="Server"): a service then
        // compiles its endpoints alone, and an edit in it never recompiles the tens of thousands of lines of models.
        var libraryModels = models.Where(static model => !model.Identity.ServerOnly);
        var libraryOutputs = outputs.Where(static o => !o.SpecInfo.Identity.ServerOnly);
        var referencedLibraries = models
            .Where(static model => model.Identity.ServerOnly)
            .Select(static (model, _) => new ReferencedLibrary.Expected(model.Identity, model.Version))
            .Combine(context.CompilationProvider)
            .Select(static (pair, cancellationToken) => ReferencedLibrary.Find(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.ReferencedLibraries);
        context.RegisterSourceOutput(referencedLibraries, static (context, library) =>
        {
            foreach (var diagnostic in library.Diagnostics)
            {
                context.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        var specInfo = libraryOutputs.Select(static (o, _) => o.SpecInfo).WithTrackingName(TrackingNames.SpecInfo);
        context.RegisterSourceOutput(specInfo, static (context, spec) =>
            AddSource(context, spec.Identity, $"{spec.Identity.HintPrefix}.Spec.g.cs", () => SpecInfoEmitter.Emit(spec)));

        var identities = libraryModels.Select(static (model, _) => model.Identity).WithTrackingName(TrackingNames.Identities);
        context.RegisterSourceOutput(identities, static (context, identity) =>
            AddSource(context, identity, $"{identity.HintPrefix}.Page.g.cs", () => PageEmitter.Emit(identity)));

        // The string-or-integer struct, only for a spec whose JSON holds such a value.
        var stringOrInteger = libraryOutputs.Select(static (o, _) => o.StringOrInteger).Where(static i => i is not null).WithTrackingName(TrackingNames.StringOrInteger);
        context.RegisterSourceOutput(stringOrInteger, static (context, identity) =>
            AddSource(context, identity!, $"{identity!.HintPrefix}.StringOrInteger.g.cs", () => StringOrIntegerEmitter.Emit(identity!)));

        // The JSON context, which models, client and server endpoints share (a server-only project uses its library's).
        var json = libraryOutputs.Select(static (o, _) => o.Json).WithTrackingName(TrackingNames.JsonGraph);
        context.RegisterSourceOutput(json, static (context, graph) =>
            AddSource(context, graph.Identity, $"{graph.Identity.HintPrefix}.JsonContext.g.cs", () => JsonContextEmitter.Emit(graph)));

        var types = libraryModels
            .SelectMany(static (model, _) => TypeOutput.Groups(model))
            .WithTrackingName(TrackingNames.Types);
        context.RegisterSourceOutput(types, static (context, group) =>
            AddSource(context, group.Identity, $"{group.Identity.HintPrefix}.Models.{group.Key}.g.cs", () => ModelFileEmitter.Emit(group)));

        // What the project asks for and what it references, as one plain record. The steps downstream then carry
        // reference types only, which share one JIT compilation of the pipeline's generic code, rather than a value
        // type per setting (bools, tuples of them), for each of which that code is compiled afresh on a cold build.
        var settings = context.AnalyzerConfigOptionsProvider
            .Combine(context.CompilationProvider)
            .Select(static (pair, _) => ReadSettings(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.ProjectSettings);

        // The client unless turned off; its DI registration where IHttpClientFactory is referenced.
        var rootClients = libraryOutputs.Select(static (o, _) => o.RootClient).WithTrackingName(TrackingNames.RootClients);
        context.RegisterSourceOutput(rootClients.Combine(settings), static (context, input) => EmitRootClient(context, input.Left, input.Right));

        var tagClients = libraryOutputs.SelectMany(static (o, _) => o.TagClients).WithTrackingName(TrackingNames.TagClients);
        context.RegisterSourceOutput(tagClients.Combine(settings), static (context, input) =>
        {
            if (input.Right.EmitClient)
            {
                var client = input.Left;
                AddSource(context, client.Identity, $"{client.Identity.HintPrefix}.Client.{client.Client.TypeName}.g.cs", () => TagClientEmitter.Emit(client));
            }
        });

        // The spec's own document, where the project asks to serve it and can (ASP.NET Core referenced).
        var documents = outputs.Select(static (o, _) => o.Document).Where(static d => d is not null).WithTrackingName(TrackingNames.Documents);
        context.RegisterSourceOutput(documents.Combine(settings), static (context, input) =>
        {
            if (input.Right.EmitServer && input.Left is { } document)
            {
                AddSource(context, document.Identity, $"{document.Identity.HintPrefix}.OpenApiDocument.g.cs", () => DocumentEmitter.Emit(document));
            }
        });

        // Handler classes: one transform read both the plain record the source is generated from and the class's place
        // in the source. The source pipeline sees the record alone, so moving the class or editing its file elsewhere
        // re-emits nothing; the diagnostics pipeline keeps the place, a real source location, which #pragma and
        // editorconfig severities apply to.
        var servers = outputs.Select(static (o, _) => o.Server).WithTrackingName(TrackingNames.Servers).Collect();
        var handlerSites = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                HandlerClassParser.AttributeName,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax,
                static (context, cancellationToken) => new HandlerClassSite(
                    HandlerClassParser.Parse(context, cancellationToken, out var methodSites),
                    ((Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax)context.TargetNode).Identifier.GetLocation(),
                    HandlerClassParser.SelectionEntries(context, cancellationToken),
                    methodSites))
            .WithTrackingName(TrackingNames.HandlerSites);

        // The server runtime (endpoint mapping, request reading, permissions) where something maps endpoints with it: a
        // web project that only calls the service through the client compiles none of it. Public in an endpoint library
        // (Generate="Library"), whose services then use that copy and emit none. Shaped as the steps above are (a
        // reference, then collections; a record or null out, not a bool): each value type in a step makes a cold
        // build JIT-compile the pipeline's generic code afresh for it (`measure published` counts the methods).
        var endpointClasses = libraryModels
            .Where(static model => model.Identity.EndpointLibrary)
            .Select(static (model, _) => model.Identity)
            .WithTrackingName(TrackingNames.EndpointClasses);
        var serverRuntime = settings
            .Combine(handlerSites.Select(static (site, _) => site.Handlers).Collect())
            .Combine(endpointClasses.Collect())
            .Combine(referencedLibraries.Collect())
            .Select(static (input, _) => RuntimeFor(input.Left.Left.Left, !input.Left.Left.Right.IsEmpty, !input.Left.Right.IsEmpty, input.Right))
            .WithTrackingName(TrackingNames.ServerRuntime);
        context.RegisterSourceOutput(serverRuntime, static (context, runtime) =>
        {
            if (runtime is not null)
            {
                context.AddSource(ServerRuntimeEmitter.HintName, SourceText.From(ServerRuntimeEmitter.Emit(runtime.IsPublic), System.Text.Encoding.UTF8));
            }
        });

        // An endpoint library's own part: per operation, the handler interface and the map method, in a file per tag.
        // Without ASP.NET Core it says so once and generates what Generate="All" does.
        context.RegisterSourceOutput(endpointClasses.Combine(settings), static (context, input) =>
        {
            var identity = input.Left;
            if (input.Right.EmitServer)
            {
                AddSource(context, identity, $"{identity.HintPrefix}.Endpoints.g.cs", () => EndpointLibraryEmitter.EmitClass(identity));
            }
            else
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EndpointLibraryWithoutAspNetCore, LocationInfo.File(identity.SpecPath).ToLocation(), identity.SpecPath));
            }
        });

        var endpointGroups = libraryOutputs.SelectMany(static (o, _) => o.EndpointGroups).WithTrackingName(TrackingNames.EndpointGroups);
        context.RegisterSourceOutput(endpointGroups.Combine(settings), static (context, input) =>
        {
            if (input.Right.EmitServer)
            {
                var group = input.Left;
                AddSource(context, group.Identity, $"{group.Identity.HintPrefix}.Endpoints.{group.Key}.g.cs", () => EndpointLibraryEmitter.Emit(group));
            }
        });

        var handlerDiagnostics = handlerSites
            .Combine(servers)
            .Combine(settings)
            .Combine(referencedLibraries.Collect())
            .WithTrackingName(TrackingNames.HandlerDiagnostics);
        context.RegisterSourceOutput(handlerDiagnostics, static (context, input) =>
            ReportHandlerDiagnostics(context, input.Left.Left.Left, input.Left.Left.Right, input.Left.Right.EmitServer, input.Right));

        var handlerInputs = handlerSites
            .Select(static (site, _) => site.Handlers)
            .WithTrackingName(TrackingNames.HandlerClasses)
            .Combine(servers)
            .Combine(settings)
            .Combine(referencedLibraries.Collect())
            .WithTrackingName(TrackingNames.HandlerInputs);
        context.RegisterSourceOutput(handlerInputs, static (context, input) =>
            EmitHandlers(context, input.Left.Left.Left, input.Left.Left.Right, input.Left.Right.EmitServer, input.Right));
    }

    /// <remarks>
    /// Server code needs ASP.NET Core: a models- or client-only project gets none of it, nor one that sets
    /// IblCodegenEmitServer to false. What is referenced is read off the reference list, by assembly name: looking a
    /// type up would bind every reference first, which the compiler does anyway after generation, but which costs
    /// 70–100 ms when it happens inside the generator on a cold build.
    /// </remarks>
    private static ProjectSettings ReadSettings(AnalyzerConfigOptionsProvider options, Compilation compilation) =>
        new(
            EmitClient: !IsFalse(options, EmitClientProperty),
            HasHttpClientFactory: References(compilation, "Microsoft.Extensions.Http"),
            EmitServer: !IsFalse(options, EmitServerProperty) && References(compilation, "Microsoft.AspNetCore.Routing"));

    private static bool References(Compilation compilation, string assemblyName)
    {
        // The references the compilation was given: its References property would bind them first, to add #r ones.
        foreach (var reference in compilation.ExternalReferences)
        {
            var name = reference switch
            {
                PortableExecutableReference { FilePath: { } path } => System.IO.Path.GetFileNameWithoutExtension(path),
                CompilationReference project => project.Compilation.AssemblyName,
                _ => null,
            };

            if (string.Equals(name, assemblyName, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsFalse(AnalyzerConfigOptionsProvider options, string property) =>
        options.GlobalOptions.TryGetValue("build_property." + property, out var value)
        && string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);

    private static SpecFile? ReadSpecFile(AdditionalText file, AnalyzerConfigOptionsProvider options, System.Threading.CancellationToken cancellationToken)
    {
        var fileOptions = options.GetOptions(file);
        if (!fileOptions.TryGetValue("build_metadata.AdditionalFiles." + SpecMetadata, out var marker)
            || !string.Equals(marker, "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // The item's namespace, else the project-wide one, else one made from the spec's title.
        if (!fileOptions.TryGetValue("build_metadata.AdditionalFiles." + NamespaceMetadata, out var ns) || string.IsNullOrWhiteSpace(ns))
        {
            ns = options.GlobalOptions.TryGetValue("build_property." + NamespaceMetadata, out var global) ? global : null;
        }

        var selection = new SpecSelection(
            SpecSelection.Entries(Metadata(fileOptions, TagsMetadata)),
            SpecSelection.Entries(Metadata(fileOptions, OperationsMetadata)),
            SpecSelection.Entries(Metadata(fileOptions, PathPrefixesMetadata)));
        var text = file.GetText(cancellationToken)?.ToString() ?? string.Empty;
        var typePrefix = Metadata(fileOptions, TypePrefixMetadata);
        var serveDocument = string.Equals(Metadata(fileOptions, ServeDocumentMetadata), "true", StringComparison.OrdinalIgnoreCase);
        return new SpecFile(
            file.Path, text, string.IsNullOrWhiteSpace(ns) ? null : ns, selection.IsAll ? SpecSelection.All : selection,
            string.IsNullOrWhiteSpace(typePrefix) ? null : typePrefix, serveDocument, Metadata(fileOptions, GenerateMetadata));
    }

    private static string? Metadata(AnalyzerConfigOptions options, string name) =>
        options.TryGetValue("build_metadata.AdditionalFiles." + name, out var value) ? value : null;

    private static void EmitRootClient(SourceProductionContext context, RootClientOutput client, ProjectSettings settings)
    {
        if (!settings.EmitClient)
        {
            return;
        }

        var identity = client.Identity;
        AddSource(context, identity, $"{identity.HintPrefix}.Client.g.cs", () => ClientEmitter.Emit(client));
        if (settings.HasHttpClientFactory)
        {
            AddSource(context, identity, $"{identity.HintPrefix}.Client.ServiceCollectionExtensions.g.cs", () => ClientEmitter.EmitServiceCollectionExtensions(client));
        }
    }

    /// <summary>
    /// The errors and notes about a handler class, at its name in the user's source. Spec text in their messages
    /// (operationIds, paths, titles) is shown on one line with invisible characters escaped, as in the spec's own
    /// diagnostics.
    /// </summary>
    private static void ReportHandlerDiagnostics(SourceProductionContext context, HandlerClassSite site, ImmutableArray<ServerOutput> specs, bool hasAspNetCore, ImmutableArray<ReferencedLibrary.Found> libraries)
    {
        var handlers = site.Handlers;
        var location = site.Location;
        if (handlers.Problem is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidHandlerClass, location, handlers.Name, handlers.Problem));
            return;
        }

        if (!hasAspNetCore)
        {
            // Without ASP.NET Core there is nothing to map to; the attribute alone is harmless.
            return;
        }

        var plan = HandlerPlan.For(handlers, specs);
        if (plan.Spec is not { } spec)
        {
            var known = specs.IsEmpty ? "(none)" : string.Join(", ", specs.Select(s => s.Identity.Title));
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnknownHandlerSpec, location, handlers.Name, handlers.Spec ?? "(unnamed)", SpecText.CommentLine(known)));
            return;
        }

        // A selection entry that selects nothing is a typo until shown otherwise: at the entry, with the nearest names.
        foreach (var entry in site.Entries)
        {
            if (SpecSelection.Unmatched(entry.Kind, entry.Value, spec.Operations) is { } known)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.UnmatchedHandlerSelection, entry.Location, handlers.Name, entry.Kind, SpecText.CommentLine(entry.Value), SpecText.CommentLine(spec.Identity.Title), SpecText.CommentLine(SpecSelection.Closest(entry.Value, known))));
            }
        }

        // Operations the referenced endpoint library does not hold cannot be mapped: one error for all of them, and
        // nothing else about them (a missing handler of one is no matter while it is not mapped).
        var library = EndpointLibraryOf(spec, libraries);
        var unmapped = Unmapped(plan, library);
        if (unmapped.Count > 0 && library?.Endpoints is { } endpoints)
        {
            var listed = plan.Operations.Where(o => unmapped.Contains(o.HandlerName)).Select(o => $"'{SpecText.CommentLine(o.OperationId)}'").ToList();
            var shown = string.Join(", ", listed.Take(5)) + (listed.Count > 5 ? $" and {listed.Count - 5} more" : string.Empty);
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.OperationsOutsideEndpointLibrary, location, handlers.Name, listed.Count, SpecText.CommentLine(spec.Identity.Title), endpoints.Substring("global::".Length), shown));
        }

        // One diagnostic per missing handler: the generated code implements every missing one (501), so the compiler
        // adds no CS8795 of its own. An operation a renamed handler explains is said once, below.
        var explained = new HashSet<OperationSpec>(plan.Renamed.Select(r => r.Operation));
        foreach (var operation in plan.Missing.Where(o => !explained.Contains(o) && !unmapped.Contains(o.HandlerName)))
        {
            var (id, path) = (SpecText.CommentLine(operation.OperationId), SpecText.CommentLine(operation.Path));
            context.ReportDiagnostic(handlers.StubMissingHandlers
                ? Diagnostic.Create(DiagnosticDescriptors.StubbedHandler, location, id, operation.Method, path, handlers.Name, HandlerSignature.ToWrite(operation))
                : Diagnostic.Create(DiagnosticDescriptors.MissingHandler, location, id, operation.Method, path, HandlerSignature.ToWrite(operation), handlers.Name));
        }

        // Near misses, at the service's own method: the signature to write beside the one written.
        foreach (var (operation, method) in plan.WrongSignature)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.WrongHandlerSignature, site.MethodLocation(method) ?? location,
                method.Name, SpecText.CommentLine(operation.OperationId), operation.Method, SpecText.CommentLine(operation.Path),
                HandlerSignature.ToWrite(operation), method.Display));
        }

        foreach (var (operation, method) in plan.NotPartial)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.HandlerNotPartial, site.MethodLocation(method) ?? location,
                method.Name, SpecText.CommentLine(operation.OperationId), operation.Method, SpecText.CommentLine(operation.Path), HandlerSignature.ToWrite(operation)));
        }

        // A partial method no operation declares is a handler the spec outgrew (CS0759 says so too, less helpfully),
        // or one whose operation was renamed.
        foreach (var (method, operation) in plan.Renamed)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.RenamedOperation, site.MethodLocation(method) ?? location,
                method.Name, SpecText.CommentLine(spec.Identity.Title), SpecText.CommentLine(spec.Version),
                SpecText.CommentLine(operation.OperationId), operation.Method, SpecText.CommentLine(operation.Path), operation.HandlerName));
        }

        foreach (var method in plan.Stale)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.StaleHandler, site.MethodLocation(method) ?? location,
                handlers.Name, method.Name, SpecText.CommentLine(spec.Identity.Title), SpecText.CommentLine(spec.Version)));
        }
    }

    /// <param name="libraries">
    /// The libraries of the project's server-only specs: where one is an endpoint library, the handler class maps its
    /// endpoints rather than having them written in it.
    /// </param>
    private static void EmitHandlers(SourceProductionContext context, HandlerClassSpec handlers, ImmutableArray<ServerOutput> specs, bool hasAspNetCore, ImmutableArray<ReferencedLibrary.Found> libraries)
    {
        if (handlers.Problem is not null || !hasAspNetCore || HandlerPlan.For(handlers, specs) is not { Spec: { } spec } plan)
        {
            return;
        }

        // Sets: the emitter asks of every operation whether it is in them, and a stubbed service of the published spec
        // has 1176 of each.
        var stubbed = new HashSet<string>(plan.Stubbed.Select(o => o.HandlerName), StringComparer.Ordinal);
        var undeclared = new HashSet<string>(plan.NotPartial.Select(n => n.Operation.HandlerName), StringComparer.Ordinal);
        var library = EndpointLibraryOf(spec, libraries);

        // What the endpoint library does not hold is left out whole (IBL0110 says so): its types may not be there
        // either.
        var unmapped = Unmapped(plan, library);
        var operations = unmapped.Count == 0 ? plan.Operations : plan.Operations.Where(o => !unmapped.Contains(o.HandlerName)).ToEquatableArray();
        AddSource(context, spec.Identity, $"{spec.Identity.HintPrefix}.Handlers.{handlers.FullName}.g.cs", () => ServerHandlersEmitter.Emit(spec, handlers, operations, stubbed, undeclared, library?.Endpoints));
    }

    /// <summary>The endpoint library the project references for the spec (a server-only spec's), if it is one.</summary>
    private static ReferencedLibrary.Found? EndpointLibraryOf(ServerOutput spec, ImmutableArray<ReferencedLibrary.Found> libraries) =>
        libraries.FirstOrDefault(library => library.Identity == spec.Identity) is { Endpoints: not null } library ? library : null;

    /// <summary>
    /// The handler names of the class's operations that its endpoint library has no map method for (its selection is
    /// narrower than the service's); none without an endpoint library.
    /// </summary>
    private static HashSet<string> Unmapped(HandlerPlan plan, ReferencedLibrary.Found? library)
    {
        var unmapped = new HashSet<string>(StringComparer.Ordinal);
        if (library is not null)
        {
            var maps = new HashSet<string>(library.MapMethods, StringComparer.Ordinal);
            unmapped.UnionWith(plan.Operations.Where(o => !maps.Contains(EndpointLibraryEmitter.MapMethodName(o))).Select(o => o.HandlerName));
        }

        return unmapped;
    }

    /// <summary>
    /// Which server runtime the project compiles: public in an endpoint library; none where a referenced endpoint
    /// library brings it, nor without ASP.NET Core or anything mapping endpoints; internal otherwise.
    /// </summary>
    private static RuntimeOutput? RuntimeFor(ProjectSettings settings, bool hasHandlers, bool isEndpointLibrary, ImmutableArray<ReferencedLibrary.Found> libraries)
    {
        if (!settings.EmitServer)
        {
            return null;
        }

        if (isEndpointLibrary)
        {
            return RuntimeOutput.Public;
        }

        return hasHandlers && !libraries.Any(library => library.Endpoints is not null) ? RuntimeOutput.Internal : null;
    }

    /// <summary>
    /// Adds one file; a failure becomes a diagnostic at the spec file, never an exception in the compiler. Hint names
    /// are unique by construction (spec files whose names collide are set aside before parsing), so an error here is
    /// the generator's own.
    /// </summary>
    private static void AddSource(SourceProductionContext context, SpecIdentity identity, string hintName, Func<SourceText> emit)
    {
        try
        {
            context.AddSource(hintName, emit());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, LocationInfo.File(identity.SpecPath).ToLocation(), hintName, $"{ex.GetType().Name}: {ex.Message}"));
        }
    }

    /// <summary>A handler class, where its name, each selection entry and each method are in the source: for diagnostics only.</summary>
    private sealed record HandlerClassSite(HandlerClassSpec Handlers, Location Location, EquatableArray<HandlerSelectionEntry> Entries, EquatableArray<HandlerMethodSite> Methods)
    {
        public Location? MethodLocation(HandlerMethodSpec method) =>
            Methods.FirstOrDefault(m => m.Name == method.Name && m.Key == method.Key)?.Location;
    }

    /// <summary>The server runtime the project compiles, and whether other projects see it.</summary>
    private sealed record RuntimeOutput(bool IsPublic)
    {
        public static readonly RuntimeOutput Public = new(true);

        public static readonly RuntimeOutput Internal = new(false);
    }

    /// <summary>What the project asks for and has: the client (and whether its DI registration can be emitted), the server.</summary>
    private sealed record ProjectSettings(bool EmitClient, bool HasHttpClientFactory, bool EmitServer);
}
