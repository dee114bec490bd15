using System;
using System.Collections.Immutable;
using System.Linq;
using IblCodegen.Diagnostics;
using IblCodegen.Emitting;
using IblCodegen.Model;
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
/// The pipeline: spec files (path, text, options: plain strings) → parse into a value-equatable <see cref="SpecResult"/>
/// → diagnostics to one output, types fanned out to one file per initial letter. Classes marked <c>[OpenApiHandlers]</c> are read
/// into plain records and joined with the models to emit server endpoints. An edit elsewhere in the compilation leaves
/// every spec step cached; an edit to a spec re-emits only the files whose model changed.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class OpenApiGenerator : IIncrementalGenerator
{
    /// <summary>The item metadata that marks an AdditionalFile as a spec.</summary>
    public const string SpecMetadata = "IblCodegenSpec";

    /// <summary>The item metadata (or project property, for every spec) that sets the namespace of the generated code.</summary>
    public const string NamespaceMetadata = "IblCodegenNamespace";

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

        var results = specFiles
            .Select(static (file, cancellationToken) => SpecParser.Parse(file, cancellationToken))
            .WithTrackingName(TrackingNames.SpecResults);

        context.RegisterSourceOutput(results, static (context, result) =>
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                context.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        var models = results
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName(TrackingNames.Models);
        context.RegisterSourceOutput(models, static (context, model) => EmitSpecFiles(context, model));

        // What the project asks for and what it references, as one plain record. The steps downstream then carry
        // reference types only, which share one JIT compilation of the pipeline's generic code, rather than a value
        // type per setting (bools, tuples of them), for each of which that code is compiled afresh on a cold build.
        var settings = context.AnalyzerConfigOptionsProvider
            .Combine(context.CompilationProvider)
            .Select(static (pair, _) => ReadSettings(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.ProjectSettings);

        // The JSON context always (models, client and server endpoints share it); the client unless turned off; its DI
        // registration where IHttpClientFactory is referenced.
        context.RegisterSourceOutput(models.Combine(settings), static (context, input) => EmitJsonAndClient(context, input.Left, input.Right));

        var types = models
            .SelectMany(static (model, _) => TypeOutput.Groups(model))
            .WithTrackingName(TrackingNames.Types);
        context.RegisterSourceOutput(types, static (context, output) => EmitType(context, output));

        context.RegisterSourceOutput(settings, static (context, settings) =>
        {
            if (settings.EmitServer)
            {
                context.AddSource(ServerRuntimeEmitter.HintName, SourceText.From(ServerRuntimeEmitter.Emit(), System.Text.Encoding.UTF8));
            }
        });

        var handlerClasses = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                HandlerClassParser.AttributeName,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax,
                HandlerClassParser.Parse)
            .WithTrackingName(TrackingNames.HandlerClasses);
        var handlerInputs = handlerClasses
            .Combine(models.Collect())
            .Combine(settings)
            .WithTrackingName(TrackingNames.HandlerInputs);
        context.RegisterSourceOutput(handlerInputs, static (context, input) =>
            EmitHandlers(context, input.Left.Left, input.Left.Right, input.Right.EmitServer));
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

        var text = file.GetText(cancellationToken)?.ToString() ?? string.Empty;
        return new SpecFile(file.Path, text, string.IsNullOrWhiteSpace(ns) ? null : ns);
    }

    private static void EmitSpecFiles(SourceProductionContext context, SpecModel model)
    {
        var identity = model.Identity;
        AddSource(context, identity.HintPrefix, $"{identity.HintPrefix}.Spec.g.cs", () => SpecInfoEmitter.Emit(model));
        AddSource(context, identity.HintPrefix, $"{identity.HintPrefix}.Page.g.cs", () => PageEmitter.Emit(identity));
    }

    private static void EmitJsonAndClient(SourceProductionContext context, SpecModel model, ProjectSettings settings)
    {
        var identity = model.Identity;
        JsonTypeGraph graph;
        try
        {
            graph = new JsonTypeGraph(model);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, $"{identity.HintPrefix}.JsonContext.g.cs", $"{ex.GetType().Name}: {ex.Message}"));
            return;
        }

        AddSource(context, identity.HintPrefix, $"{identity.HintPrefix}.JsonContext.g.cs", () => JsonContextEmitter.Emit(model, graph));
        if (!settings.EmitClient)
        {
            return;
        }

        AddSource(context, identity.HintPrefix, $"{identity.HintPrefix}.Client.g.cs", () => ClientEmitter.Emit(model));
        // One emitter for all tag clients, built inside the first AddSource so a failure stays a diagnostic.
        var tagClients = new Lazy<TagClientEmitter>(() => new TagClientEmitter(model, graph));
        foreach (var client in model.Clients)
        {
            AddSource(context, identity.HintPrefix, $"{identity.HintPrefix}.Client.{client.TypeName}.g.cs", () => tagClients.Value.Emit(client));
        }

        if (settings.HasHttpClientFactory)
        {
            AddSource(context, identity.HintPrefix, $"{identity.HintPrefix}.Client.ServiceCollectionExtensions.g.cs", () => ClientEmitter.EmitServiceCollectionExtensions(model));
        }
    }

    private static void EmitType(SourceProductionContext context, TypeGroupOutput group)
    {
        var hintName = $"{group.Identity.HintPrefix}.Models.{group.Key}.g.cs";
        AddSource(context, group.Identity.HintPrefix, hintName, () => ModelFileEmitter.Emit(group));
    }

    private static void EmitHandlers(SourceProductionContext context, HandlerClassSpec handlers, ImmutableArray<SpecModel> models, bool hasAspNetCore)
    {
        var location = handlers.Location.ToLocation();
        if (handlers.Problem is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidHandlerClass, location, handlers.Name));
            return;
        }

        if (!hasAspNetCore)
        {
            // Without ASP.NET Core there is nothing to map to; the attribute alone is harmless.
            return;
        }

        if (OperationSelector.FindSpec(models, handlers) is not { } model)
        {
            var known = models.IsEmpty ? "(none)" : string.Join(", ", models.Select(m => m.Identity.Title));
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnknownHandlerSpec, location, handlers.Name, handlers.Spec ?? "(unnamed)", known));
            return;
        }

        var operations = OperationSelector.Select(model, handlers);
        var stubbed = new System.Collections.Generic.List<string>();
        foreach (var operation in operations)
        {
            var handlerName = operation.HandlerName;
            if (handlers.DeclaredMethods.Contains(handlerName))
            {
                continue;
            }

            if (handlers.StubMissingHandlers)
            {
                stubbed.Add(handlerName);
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.StubbedHandler, location, operation.OperationId, operation.Method, operation.Path, handlers.Name, handlerName));
            }
            else
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.MissingHandler,
                    location,
                    operation.OperationId,
                    operation.Method,
                    operation.Path,
                    ServerHandlersEmitter.HandlerSignature(operation),
                    handlers.Name));
            }
        }

        // A partial method no operation declares is a handler the spec outgrew (CS0759 says so too, less helpfully).
        var expected = new System.Collections.Generic.HashSet<string>(operations.Select(o => o.HandlerName));
        foreach (var method in handlers.PartialMethods.Where(m => !expected.Contains(m)))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.StaleHandler, location, handlers.Name, method, model.Identity.Title, model.Identity.Version));
        }

        AddSource(context, model.Identity.HintPrefix, $"{model.Identity.HintPrefix}.Handlers.{handlers.FullName}.g.cs", () => ServerHandlersEmitter.Emit(model, handlers, operations, stubbed));
    }

    /// <summary>Adds one file; a failure becomes a diagnostic, never an exception in the compiler.</summary>
    private static void AddSource(SourceProductionContext context, string hintPrefix, string hintName, Func<SourceText> emit)
    {
        try
        {
            context.AddSource(hintName, emit());
        }
        catch (ArgumentException) when (hintName.EndsWith(".Spec.g.cs", StringComparison.Ordinal))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateHintName, Location.None, hintPrefix));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, hintName, $"{ex.GetType().Name}: {ex.Message}"));
        }
    }

    /// <summary>What the project asks for and has: the client (and whether its DI registration can be emitted), the server.</summary>
    private sealed record ProjectSettings(bool EmitClient, bool HasHttpClientFactory, bool EmitServer);
}
