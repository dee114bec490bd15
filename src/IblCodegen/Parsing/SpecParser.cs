using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using IblCodegen.Diagnostics;
using IblCodegen.Model;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using YamlDotNet.Core;

namespace IblCodegen.Parsing;

/// <summary>
/// Spec text → <see cref="SpecResult"/>: YAML (or JSON) to a JSON tree, the tree to an OpenAPI document
/// (Microsoft.OpenApi 3.x, which also upgrades Swagger 2.0), the document to the plain model.
/// Every failure becomes a diagnostic; nothing escapes to the compiler.
/// </summary>
internal static class SpecParser
{
    private static readonly Uri BaseUri = new("file:///openapi/");

    public static SpecResult Parse(SpecFile file, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var locator = new JsonPointerLocator(file.Path, file.Text);
        try
        {
            var model = Parse(file, locator, diagnostics, cancellationToken);
            return new SpecResult(model, diagnostics.ToEquatableArray());
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            // The last line of defence: a bug of ours must show up as a diagnostic, never as CS8785.
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, LocationInfo.File(file.Path), file.Path, $"{ex.GetType().Name}: {ex.Message}"));
            return new SpecResult(null, diagnostics.ToEquatableArray());
        }
    }

    private static SpecModel? Parse(SpecFile file, JsonPointerLocator locator, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        if (!TryReadTree(file, locator, diagnostics, cancellationToken, out var root))
        {
            return null;
        }

        if (root is not JsonObject document || !(document.ContainsKey("openapi") || document.ContainsKey("swagger")))
        {
            var reason = root is null ? "the file is empty" : "it has no 'openapi' (or 'swagger') field at its top level";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotOpenApi, locator.Locate(null), file.Path, reason));
            return null;
        }

        var raw = new RawDocument(root);
        // Reading and rule checking apart: a document that reads but breaks a rule (a discriminator property not
        // listed as required, say) still generates, with a warning; one that does not read is an error.
        var settings = new OpenApiReaderSettings { LoadExternalRefs = false, RuleSet = ValidationRuleSet.GetEmptyRuleSet() };
        ReadResult result;
        try
        {
            result = new OpenApiJsonReader().Read(root, BaseUri, settings);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The reader throws for some documents it cannot read at all (an unsupported 'openapi' version, say).
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOpenApi, locator.Locate(null), $"The document cannot be read as OpenAPI: {ex.Message}"));
            return null;
        }

        Report(result.Diagnostic?.Errors, DiagnosticDescriptors.InvalidOpenApi, locator, diagnostics);
        if (result.Document is not { } openApi)
        {
            return null;
        }

        // Broken references are the model's to report (IBL0004), with what they become; references the reader
        // cannot follow but the model can (a $ref into #/paths) are no problem at all.
        try
        {
            var violations = openApi.Validate(ValidationRuleSet.GetDefaultRuleSet())?
                .Where(error => !error.Message.StartsWith("The schema reference", StringComparison.Ordinal))
                .ToList();
            Report(violations, DiagnosticDescriptors.RuleViolation, locator, diagnostics);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Microsoft.OpenApi's rules can trip over documents its reader accepted (a null server variable, say).
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RuleViolation, locator.Locate(null), $"The document's rules could not all be checked: {ex.GetType().Name} in Microsoft.OpenApi's validation."));
        }


        cancellationToken.ThrowIfCancellationRequested();
        var identity = CreateIdentity(file, openApi);
        var (model, modelDiagnostics) = ModelBuilder.Build(openApi, result.Diagnostic?.SpecificationVersion ?? OpenApiSpecVersion.OpenApi3_0, raw, locator, identity, cancellationToken);
        diagnostics.AddRange(modelDiagnostics);
        return model;
    }

    private static void Report(IEnumerable<OpenApiError>? errors, Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, JsonPointerLocator locator, List<DiagnosticInfo> diagnostics)
    {
        var list = errors?.ToList() ?? [];
        var locations = locator.LocateAll(list.Select(e => e.Pointer));
        foreach (var error in list)
        {
            var where = string.IsNullOrEmpty(error.Pointer) ? string.Empty : $" (at {error.Pointer})";
            diagnostics.Add(DiagnosticInfo.Create(descriptor, locations[error.Pointer ?? string.Empty], error.Message + where));
        }
    }

    private static bool TryReadTree(SpecFile file, JsonPointerLocator locator, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken, out JsonNode? root)
    {
        root = null;
        try
        {
            if (IsJsonFile(file.Path))
            {
                root = JsonNode.Parse(file.Text, documentOptions: new JsonDocumentOptions { MaxDepth = YamlToJson.MaxDepth, CommentHandling = JsonCommentHandling.Skip });
                return true;
            }

            root = YamlToJson.Convert(file.Text, cancellationToken, out var positions);
            if (positions is not null)
            {
                locator.UseTree(root, positions);
            }

            return true;
        }
        catch (YamlException ex)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnreadableSpec, locator.At(ex.Start, ex.End), file.Path, FirstLine(ex.Message)));
            return false;
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0);
            var column = (int)(ex.BytePositionInLine ?? 0);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnreadableSpec, new LocationInfo(file.Path, line, column, line, column), file.Path, FirstLine(ex.Message)));
            return false;
        }
    }

    private static SpecIdentity CreateIdentity(SpecFile file, OpenApiDocument document)
    {
        var stem = Path.GetFileNameWithoutExtension(file.Path);
        var title = document.Info?.Title ?? stem;
        var ns = string.IsNullOrWhiteSpace(file.NamespaceOverride)
            ? Identifiers.ToNamespace(title)
            : Identifiers.ToNamespace(file.NamespaceOverride!.Trim());
        return new SpecIdentity(Identifiers.ToPascalCase(stem, "Spec"), ns, title, document.Info?.Version ?? string.Empty);
    }

    public static bool IsJsonFile(string path) => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message.Substring(0, end);
    }
}
