using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using IblCodegen.Diagnostics;
using IblCodegen.Model;
using IblCodegen.Model.Naming;
using IblCodegen.Parsing.Tree;
using YamlDotNet.Core;

namespace IblCodegen.Parsing;

/// <summary>
/// Spec text → <see cref="SpecResult"/>: YAML (or JSON) to a JSON tree (Swagger 2.0 upgraded to OpenAPI 3.0 on
/// the way), the tree checked, then read into the plain model.
/// Every failure becomes a diagnostic; nothing escapes to the compiler.
/// </summary>
internal static class SpecParser
{
    public static SpecResult Parse(SpecFile file, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var locator = new JsonPointerLocator(file.Path, file.Text);
        if (file.HasUnknownGenerate)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownGenerate, LocationInfo.File(file.Path), file.Generate!, file.Path));
        }

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

    /// <summary>
    /// Parses a spec whose code would take another spec's names (<see cref="SpecTypeNames"/>) with names from its file
    /// instead, and says so (IBL0012).
    /// </summary>
    public static SpecResult ParseRenamed(SpecFile file, SpecNameClash clash, CancellationToken cancellationToken)
    {
        var result = Parse(SpecTypeNames.Renamed(file), cancellationToken);
        if (result.Model is not { } model)
        {
            return result;
        }

        var kept = clash.Kept;
        var renamed = model.Identity;
        var notice = DiagnosticInfo.Create(
            DiagnosticDescriptors.SharedTitle, LocationInfo.File(file.Path),
            file.Path, kept.SpecPath, kept.Namespace, kept.TypePrefix, kept.Title, renamed.Namespace, renamed.TypePrefix);
        return result with { Diagnostics = result.Diagnostics.Concat([notice]).ToEquatableArray() };
    }

    private static SpecModel? Parse(SpecFile file, JsonPointerLocator locator, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        if (!TryReadTree(file, locator, diagnostics, cancellationToken, out var root))
        {
            return null;
        }

        if (root is not SpecObject document || !(document.ContainsKey("openapi") || document.ContainsKey("swagger")))
        {
            var reason = root is null ? "the file is empty" : "it has no 'openapi' (or 'swagger') field at its top level";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotOpenApi, locator.Locate(null), file.Path, reason));
            return null;
        }

        if (document.ContainsKey("swagger") && !document.ContainsKey("openapi"))
        {
            if (Upgrade(document, locator, diagnostics) is not { } upgraded)
            {
                return null;
            }

            document = upgraded;
        }

        var version = LenientRead.Text(document, "openapi") ?? string.Empty;
        if (!IsSupported(version))
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidOpenApi,
                locator.Locate("#/openapi"),
                $"The document cannot be read as OpenAPI: version '{version}' is not supported (Swagger 2.0, OpenAPI 3.0, 3.1 and 3.2 are)."));
            return null;
        }

        var spec = new SpecDocument(document);
        var problems = DocumentChecks.Run(spec, isOpenApi30: version.StartsWith("3.0", StringComparison.Ordinal), cancellationToken);
        problems.AddRange(InvisibleCharacterCheck.Run(document, file.Text));
        var locations = locator.LocateAll(problems.Select(p => p.Pointer));
        diagnostics.AddRange(problems.Select(p => DiagnosticInfo.Create(p.Descriptor, locations[p.Pointer], p.Args)));

        cancellationToken.ThrowIfCancellationRequested();
        var identity = CreateIdentity(file, document);
        var specVersion = (LenientRead.Object(document, "info") is { } info ? LenientRead.Text(info, "version") : null) ?? string.Empty;
        var (model, modelDiagnostics) = ModelBuilder.Build(spec, locator, identity, specVersion, cancellationToken);
        diagnostics.AddRange(modelDiagnostics);

        // Names were decided on the whole spec: a type keeps its name whatever the project selects.
        var selected = file.Selection.Apply(model, diagnostics);
        return file.ServeDocument
            ? selected with { Document = SpecDocumentSubset.Write(document, selected.Operations, everything: file.Selection.IsAll) }
            : selected;
    }

    private static SpecObject? Upgrade(SpecObject swagger, JsonPointerLocator locator, List<DiagnosticInfo> diagnostics)
    {
        var errors = new List<(string Pointer, string Message)>();
        SpecObject? upgraded;
        try
        {
            upgraded = SwaggerUpgrade.ToOpenApi3(swagger, errors);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            errors.Add((string.Empty, $"The Swagger 2.0 document cannot be upgraded to OpenAPI 3.0: {ex.Message}"));
            upgraded = null;
        }

        // The reader's complaints, at the places of the 2.0 document they name.
        var locations = locator.LocateAll(errors.Select(e => e.Pointer));
        foreach (var (pointer, message) in errors)
        {
            var where = string.IsNullOrEmpty(pointer) ? string.Empty : $" (at {pointer})";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOpenApi, locations[pointer], message + where));
        }

        return upgraded;
    }

    /// <summary>OpenAPI 3.0, 3.1 and 3.2: <c>3.0.3</c>, <c>3.1.0</c>, and the like.</summary>
    private static bool IsSupported(string version) =>
        version.Length >= 3 && version.StartsWith("3.", StringComparison.Ordinal) && version[2] is '0' or '1' or '2'
        && (version.Length == 3 || version[3] == '.');

    private static bool TryReadTree(SpecFile file, JsonPointerLocator locator, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken, out SpecNode? root)
    {
        root = null;
        try
        {
            if (IsJsonFile(file.Path))
            {
                root = SpecTreeJson.Read(file.Text, YamlTreeReader.MaxDepth);
                return true;
            }

            root = YamlTreeReader.Read(file.Text, cancellationToken, out var offsetsText);
            if (offsetsText is not null)
            {
                locator.UseTree(root, offsetsText);
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
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnreadableSpec, LocationInfo.Point(file.Path, line, column), file.Path, FirstLine(ex.Message)));
            return false;
        }
    }

    private static SpecIdentity CreateIdentity(SpecFile file, SpecObject document)
    {
        var stem = Path.GetFileNameWithoutExtension(file.Path);
        var info = LenientRead.Object(document, "info");
        var title = (info is null ? null : LenientRead.Text(info, "title")) ?? stem;
        var ns = string.IsNullOrWhiteSpace(file.NamespaceOverride)
            ? Identifiers.ToNamespace(title)
            : Identifiers.ToNamespace(file.NamespaceOverride!.Trim());
        var typePrefix = string.IsNullOrWhiteSpace(file.TypePrefixOverride)
            ? Identifiers.ToPascalCase(title, "Spec")
            : Identifiers.ToTypePrefix(file.TypePrefixOverride!.Trim());
        return new SpecIdentity(SpecFileNames.HintPrefix(file.Path), typePrefix, ns, title, file.Path, file.ServerOnly, file.EndpointLibrary);
    }

    public static bool IsJsonFile(string path) => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message.Substring(0, end);
    }
}
