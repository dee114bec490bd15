using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using IblCodegen.Diagnostics;
using IblCodegen.Parsing.Tree;
using Microsoft.CodeAnalysis;

namespace IblCodegen.Parsing;

/// <summary>
/// Checks the document in one walk over the tree. A value of the wrong kind (a list where an object belongs, say)
/// is an error (IBL0003): the model reads it as absent, so something the author wrote is lost. A broken rule of
/// the specification that leaves the meaning clear (a missing description, a path parameter not marked required,
/// a field the object does not have) is a warning (IBL0008), and generation goes on.
/// </summary>
internal sealed partial class DocumentChecks
{
    private static readonly string[] Compositions = ["allOf", "oneOf", "anyOf"];
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private readonly SpecDocument _document;
    private readonly bool _isOpenApi30;
    private readonly CancellationToken _cancellationToken;
    private readonly List<(DiagnosticDescriptor Descriptor, string Pointer, string[] Args)> _problems = [];

    private DocumentChecks(SpecDocument document, bool isOpenApi30, CancellationToken cancellationToken)
    {
        _document = document;
        _isOpenApi30 = isOpenApi30;
        _cancellationToken = cancellationToken;
    }

    /// <summary>What is wrong with the document, each with the pointer of the place to mend.</summary>
    public static List<(DiagnosticDescriptor Descriptor, string Pointer, string[] Args)> Run(SpecDocument document, bool isOpenApi30, CancellationToken cancellationToken)
    {
        var checks = new DocumentChecks(document, isOpenApi30, cancellationToken);
        checks.CheckDocument(document.Root);
        return checks._problems;
    }

    private void CheckDocument(SpecObject root)
    {
        CheckFields(root, Location.Root, DocumentFields);
        if (LenientRead.Object(root, "info") is { } info)
        {
            CheckFields(info, Location.Root.Add("info"), InfoFields);
            CheckObject(info, "contact", Location.Root.Add("info"), ContactFields);
            CheckObject(info, "license", Location.Root.Add("info"), LicenseFields);
            Require(info, "title", Location.Root.Add("info"), "The 'info' object has no 'title'.");
            Require(info, "version", Location.Root.Add("info"), "The 'info' object has no 'version'.");
        }
        else if (!root.ContainsKey("info"))
        {
            Rule(Location.Root, "The document has no 'info' object; it needs one, with a 'title' and a 'version'.");
        }

        if (LenientRead.Object(root, "paths") is { } paths)
        {
            foreach (var pair in paths)
            {
                var pointer = Location.Root.Add("paths").Add(pair.Key);
                if (!pair.Key.StartsWith("/", StringComparison.Ordinal))
                {
                    Rule(pointer, $"The path '{pair.Key}' does not begin with '/'.");
                }

                if (Expect<SpecObject>(pair.Value, pointer, "a path item") is { } pathItem)
                {
                    CheckPathItem(pair.Key, pathItem, pointer);
                }
            }
        }
        else if (!root.ContainsKey("paths") && _isOpenApi30)
        {
            Rule(Location.Root, "The document has no 'paths' object; OpenAPI 3.0 requires one, even if empty.");
        }

        if (LenientRead.Object(root, "webhooks") is { } webhooks)
        {
            CheckPathItems(webhooks, Location.Root.Add("webhooks"));
        }

        if (LenientRead.Object(root, "components") is { } components)
        {
            CheckComponents(components);
        }

        CheckServers(root, Location.Root);
        CheckObject(root, "externalDocs", Location.Root, ExternalDocsFields);
        CheckEach(root, "tags", Location.Root, "a tag", (tag, pointer) =>
        {
            CheckFields(tag, pointer, TagFields);
            CheckObject(tag, "externalDocs", pointer, ExternalDocsFields);
            Require(tag, "name", pointer, "The tag has no 'name'.");
        });
        CheckEach(root, "security", Location.Root, "a security requirement", (_, _) => { });
    }

    /// <summary>A map of path items that are not under <c>paths</c> (webhooks, components): no template to match.</summary>
    private void CheckPathItems(SpecObject items, Location pointer)
    {
        foreach (var pair in items)
        {
            var itemPointer = pointer.Add(pair.Key);
            if (Expect<SpecObject>(pair.Value, itemPointer, "a path item") is { } pathItem)
            {
                CheckPathItem(path: null, pathItem, itemPointer);
            }
        }
    }

    /// <summary>A callback: a path item per runtime expression, or a reference to one kept in components.</summary>
    private void CheckCallback(SpecObject callback, Location pointer)
    {
        if (!CheckReference(callback, pointer, "callback"))
        {
            CheckPathItems(callback, pointer);
        }
    }

    private void CheckPathItem(string? path, SpecObject pathItem, Location pointer)
    {
        CheckFields(pathItem, pointer, PathItemFields);
        if (CheckReference(pathItem, pointer, "path item"))
        {
            return;
        }

        CheckServers(pathItem, pointer);
        var shared = CheckParameters(pathItem, pointer);
        foreach (var method in Methods)
        {
            if (LenientRead.Object(pathItem, method) is { } operation)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                CheckOperation(path, operation, pointer.Add(method), shared);
            }
        }
    }

    private void CheckOperation(string? path, SpecObject operation, Location pointer, List<(string Name, string In)> shared)
    {
        CheckFields(operation, pointer, OperationFields);
        CheckServers(operation, pointer);
        CheckObject(operation, "externalDocs", pointer, ExternalDocsFields);
        if (LenientRead.Array(operation, "tags") is { } tags)
        {
            for (var i = 0; i < tags.Count; i++)
            {
                Expect<SpecValue>(tags[i], pointer.Add("tags").Add(i), "a tag name");
            }
        }

        var own = CheckParameters(operation, pointer);
        if (LenientRead.Object(operation, "requestBody") is { } body)
        {
            CheckRequestBody(body, pointer.Add("requestBody"));
        }

        if (LenientRead.Object(operation, "responses") is { } responses)
        {
            CheckResponses(responses, pointer.Add("responses"));
        }
        else if (!operation.ContainsKey("responses") && _isOpenApi30)
        {
            Rule(pointer, "The operation has no 'responses'; OpenAPI 3.0 requires at least one.");
        }

        if (LenientRead.Object(operation, "callbacks") is { } callbacks)
        {
            foreach (var pair in callbacks)
            {
                var callbackPointer = pointer.Add("callbacks").Add(pair.Key);
                if (Expect<SpecObject>(pair.Value, callbackPointer, "a callback") is { } callback)
                {
                    CheckCallback(callback, callbackPointer);
                }
            }
        }

        CheckEach(operation, "security", pointer, "a security requirement", (_, _) => { });

        // Every parameter that says it is in the path must be named by the path's template.
        if (path is not null)
        {
            var names = new HashSet<string>(TextPatterns.PathParameters(path), StringComparer.Ordinal);
            foreach (var (name, location) in shared.Concat(own))
            {
                if (location == "path" && !names.Contains(name))
                {
                    Rule(pointer, $"The path parameter '{name}' does not appear in the path '{path}'.");
                }
            }
        }
    }

    private void CheckResponses(SpecObject responses, Location pointer)
    {
        if (responses.Count == 0)
        {
            Rule(pointer, "The operation's 'responses' is empty; it needs at least one response.");
        }

        foreach (var pair in responses)
        {
            var responsePointer = pointer.Add(pair.Key);
            if (pair.Key.StartsWith("x-", StringComparison.Ordinal))
            {
                continue;
            }

            if (!TextPatterns.IsResponseKey(pair.Key))
            {
                Rule(responsePointer, $"'{pair.Key}' is not a status code, a range such as '4XX', or 'default'.");
            }

            if (Expect<SpecObject>(pair.Value, responsePointer, "a response") is { } response)
            {
                CheckResponse(response, responsePointer);
            }
        }
    }

    /// <summary>Checks the <c>parameters</c> of a path item or operation; returns the name and location of each that resolves.</summary>
    private List<(string Name, string In)> CheckParameters(SpecObject owner, Location ownerPointer)
    {
        var declared = new List<(string, string)>();
        CheckEach(owner, "parameters", ownerPointer, "a parameter", (written, pointer) =>
        {
            // A referenced parameter is checked where it is defined, under components.
            var isReference = CheckReference(written, pointer, "parameter");
            var parameter = isReference ? _document.Resolve(written, out _) : written;
            if (!isReference)
            {
                CheckParameter(written, pointer);
            }

            if (parameter is not null && LenientRead.Text(parameter, "name") is { } name && LenientRead.String(parameter, "in") is { } location)
            {
                declared.Add((name, location));
            }
        });

        return declared;
    }

    private void CheckParameter(SpecObject parameter, Location pointer)
    {
        CheckFields(parameter, pointer, ParameterFields);
        Require(parameter, "name", pointer, "The parameter has no 'name'.");
        var location = LenientRead.String(parameter, "in");
        if (location is null)
        {
            Rule(pointer, "The parameter has no 'in' (path, query, header or cookie).");
        }
        else if (location is not ("path" or "query" or "header" or "cookie" or "querystring"))
        {
            Invalid(pointer.Add("in"), $"'{location}' is not a parameter location; it must be path, query, header or cookie.");
        }

        if (location == "path" && LenientRead.Boolean(parameter, "required") != true)
        {
            Rule(pointer, $"The path parameter '{LenientRead.Text(parameter, "name")}' must say 'required: true'.");
        }

        CheckSchemaAt(parameter, "schema", pointer);
        CheckContent(parameter, pointer);
    }

    private void CheckRequestBody(SpecObject body, Location pointer)
    {
        if (!CheckReference(body, pointer, "request body"))
        {
            CheckFields(body, pointer, RequestBodyFields);
            CheckContent(body, pointer);
        }
    }

    private void CheckResponse(SpecObject response, Location pointer)
    {
        if (CheckReference(response, pointer, "response"))
        {
            return;
        }

        CheckFields(response, pointer, ResponseFields);
        Require(response, "description", pointer, "The response has no 'description'.");
        CheckContent(response, pointer);
    }

    private void CheckContent(SpecObject owner, Location ownerPointer)
    {
        if (LenientRead.Object(owner, "content") is not { } content)
        {
            return;
        }

        var pointer = ownerPointer.Add("content");
        foreach (var pair in content)
        {
            var mediaPointer = pointer.Add(pair.Key);
            if (Expect<SpecObject>(pair.Value, mediaPointer, "a media type") is { } mediaType)
            {
                CheckFields(mediaType, mediaPointer, MediaTypeFields);
                CheckSchemaAt(mediaType, "schema", mediaPointer);
            }
        }
    }

    private void CheckComponents(SpecObject components)
    {
        CheckFields(components, Location.Root.Add("components"), ComponentsFields);
        foreach (var pair in components)
        {
            if (pair.Value is not SpecObject entries || !ComponentsFields.Kinds.ContainsKey(pair.Key))
            {
                continue;
            }

            var sectionPointer = Location.Root.Add("components").Add(pair.Key);
            foreach (var entry in entries)
            {
                var pointer = sectionPointer.Add(entry.Key);
                if (!TextPatterns.IsComponentKey(entry.Key))
                {
                    Rule(pointer, $"The component name '{entry.Key}' may hold only letters, digits, '.', '-' and '_'.");
                }
            }

            CheckComponentSection(pair.Key, entries, sectionPointer);
        }
    }

    private void CheckComponentSection(string section, SpecObject entries, Location sectionPointer)
    {
        if (section == "schemas")
        {
            foreach (var pair in entries)
            {
                // A null component schema (`Name: ~`) allows anything, like an empty one.
                if (pair.Value is not null)
                {
                    CheckSchema(pair.Value, sectionPointer.Add(pair.Key));
                }
            }

            return;
        }

        // Examples, headers and links are not read by the generator: only their section's kind is checked.
        (string What, Action<SpecObject, Location> Check)? entryCheck = section switch
        {
            "pathItems" => ("a path item", (entry, pointer) => CheckPathItem(path: null, entry, pointer)),
            "callbacks" => ("an object", CheckCallback),
            "parameters" => ("an object", CheckComponentParameter),
            "requestBodies" => ("an object", CheckRequestBody),
            "responses" => ("an object", CheckResponse),
            "securitySchemes" => ("an object", CheckSecurityScheme),
            _ => null,
        };

        if (entryCheck is not { } checker)
        {
            return;
        }

        foreach (var pair in entries)
        {
            var pointer = sectionPointer.Add(pair.Key);
            if (Expect<SpecObject>(pair.Value, pointer, checker.What) is { } entry)
            {
                checker.Check(entry, pointer);
            }
        }
    }

    private void CheckComponentParameter(SpecObject parameter, Location pointer)
    {
        if (!CheckReference(parameter, pointer, "parameter"))
        {
            CheckParameter(parameter, pointer);
        }
    }

    private void CheckSecurityScheme(SpecObject scheme, Location pointer)
    {
        if (CheckReference(scheme, pointer, "security scheme"))
        {
            return;
        }

        CheckFields(scheme, pointer, SecuritySchemeFields);
        if (LenientRead.String(scheme, "type") is not ("apiKey" or "http" or "oauth2" or "openIdConnect" or "mutualTLS"))
        {
            Rule(pointer, "The security scheme's 'type' is not one of apiKey, http, oauth2, openIdConnect or mutualTLS.");
        }
    }

    private void CheckSchemaAt(SpecObject owner, string keyword, Location ownerPointer)
    {
        if (owner.TryGetPropertyValue(keyword, out var schema) && schema is not null)
        {
            CheckSchema(schema, ownerPointer.Add(keyword));
        }
    }

    private void CheckSchema(SpecNode node, Location pointer)
    {
        // OpenAPI 3.1 schemas may be plain true (anything) or false (nothing).
        if (!_isOpenApi30 && LenientRead.Kind(node) is JsonValueKind.True or JsonValueKind.False)
        {
            return;
        }

        if (Expect<SpecObject>(node, pointer, "a schema") is not { } schema || CheckReference(schema, pointer, "schema"))
        {
            return;
        }

        CheckFields(schema, pointer, SchemaFields, strict: _isOpenApi30);
        CheckType(schema, pointer);
        if (LenientRead.Object(schema, "properties") is { } properties)
        {
            var propertiesPointer = pointer.Add("properties");
            foreach (var pair in properties)
            {
                // A property written as null allows anything, as a null component does.
                if (pair.Value is not null)
                {
                    CheckSchema(pair.Value, propertiesPointer.Add(pair.Key));
                }
            }
        }

        if (LenientRead.Array(schema, "required") is { } required)
        {
            for (var i = 0; i < required.Count; i++)
            {
                if (LenientRead.Kind(required[i]) != JsonValueKind.String)
                {
                    Invalid(pointer.Add("required").Add(i), "A 'required' entry must be a property name.");
                }
            }
        }

        foreach (var keyword in Compositions)
        {
            if (LenientRead.Array(schema, keyword) is { } parts)
            {
                var partsPointer = pointer.Add(keyword);
                for (var i = 0; i < parts.Count; i++)
                {
                    var partPointer = partsPointer.Add(i);
                    if (Expect<SpecNode>(parts[i], partPointer, "a schema") is { } part)
                    {
                        CheckSchema(part, partPointer);
                    }
                }
            }
        }

        CheckSchemaAt(schema, "items", pointer);
        CheckSchemaAt(schema, "not", pointer);
        if (schema.TryGetPropertyValue("additionalProperties", out var additional) && LenientRead.Kind(additional) is not (JsonValueKind.True or JsonValueKind.False))
        {
            CheckSchema(additional!, pointer.Add("additionalProperties"));
        }

        CheckDiscriminator(schema, pointer);
    }

    private void CheckType(SpecObject schema, Location pointer)
    {
        if (!schema.TryGetPropertyValue("type", out var type) || type is null)
        {
            return;
        }

        var typePointer = pointer.Add("type");
        var names = type switch
        {
            SpecValue single when single.GetValueKind() == JsonValueKind.String => [single.Text],
            SpecArray several when !_isOpenApi30 => several.Select(LenientRead.Scalar).ToArray(),
            _ => null,
        };

        if (names is null)
        {
            Invalid(typePointer, _isOpenApi30 ? "'type' must be one type name in OpenAPI 3.0." : "'type' must be a type name or a list of them.");
            return;
        }

        foreach (var name in names)
        {
            if (name is null || SchemaNode.Parse(name) is null || (name == "null" && _isOpenApi30))
            {
                Invalid(typePointer, $"'{name}' is not a type of OpenAPI {(_isOpenApi30 ? "3.0" : "3.1")}; the schema is read as allowing any value.");
            }
        }
    }

    /// <summary>
    /// The discriminator's property must be one every member sends: listed as required by the schema itself, or by
    /// one of the schemas it is composed of.
    /// </summary>
    private void CheckDiscriminator(SpecObject schema, Location pointer)
    {
        if (LenientRead.Object(schema, "discriminator") is not { } discriminator)
        {
            return;
        }

        var discriminatorPointer = pointer.Add("discriminator");
        CheckFields(discriminator, discriminatorPointer, DiscriminatorFields);
        if (LenientRead.String(discriminator, "propertyName") is not { Length: > 0 } property)
        {
            Rule(discriminatorPointer, "The discriminator has no 'propertyName'.");
            return;
        }

        if (!IsRequiredSomewhere(_document.Schema(schema), property, new HashSet<SchemaNode>()))
        {
            Rule(discriminatorPointer, $"The discriminator property '{property}' is not listed as required, by the schema or by the schemas it is composed of.");
        }
    }

    private static bool IsRequiredSomewhere(SchemaNode schema, string property, HashSet<SchemaNode> visited)
    {
        if (!visited.Add(schema))
        {
            return false;
        }

        if (schema.Required.Contains(property))
        {
            return true;
        }

        foreach (var parts in new[] { schema.AllOf, schema.OneOf, schema.AnyOf })
        {
            foreach (var part in parts ?? [])
            {
                if (part is not null && IsRequiredSomewhere(part, property, visited))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void CheckServers(SpecObject owner, Location ownerPointer) =>
        CheckEach(owner, "servers", ownerPointer, "a server", (server, pointer) => CheckFields(server, pointer, ServerFields));

    /// <summary>The fields of an object field that holds plain facts (contact, license, external docs).</summary>
    private void CheckObject(SpecObject owner, string key, Location ownerPointer, Fields fields)
    {
        if (LenientRead.Object(owner, key) is { } value)
        {
            CheckFields(value, ownerPointer.Add(key), fields);
        }
    }

    /// <summary>Each object of a list field (tags, parameters, security requirements); an item that is not an object is reported.</summary>
    private void CheckEach(SpecObject owner, string key, Location ownerPointer, string what, Action<SpecObject, Location> check)
    {
        if (LenientRead.Array(owner, key) is not { } items)
        {
            return;
        }

        var pointer = ownerPointer.Add(key);
        for (var i = 0; i < items.Count; i++)
        {
            var itemPointer = pointer.Add(i);
            if (Expect<SpecObject>(items[i], itemPointer, what) is { } item)
            {
                check(item, itemPointer);
            }
        }
    }

    /// <summary>
    /// Each field of the object against its table: a value of the wrong kind is an error; a field the object does
    /// not have (extensions, <c>x-…</c>, aside) is a warning, unless the object may carry any (<paramref name="strict"/> false).
    /// </summary>
    private void CheckFields(SpecObject node, Location pointer, Fields fields, bool strict = true)
    {
        foreach (var pair in node)
        {
            if (fields.Kinds.TryGetValue(pair.Key, out var kind))
            {
                if (pair.Value is not null && !Fits(pair.Value, kind))
                {
                    Invalid(pointer.Add(pair.Key), $"'{pair.Key}' of {fields.Name} must be {Describe(kind)}, not {Describe(pair.Value)}; it is ignored.");
                }
            }
            else if (strict && !pair.Key.StartsWith("x-", StringComparison.Ordinal))
            {
                Rule(pointer.Add(pair.Key), $"'{pair.Key}' is not a field of {fields.Name}; it is ignored.");
            }
        }
    }

    private static bool Fits(SpecNode value, Kind kind) => kind switch
    {
        Kind.Text => LenientRead.Scalar(value) is not null,
        Kind.Boolean => LenientRead.Kind(value) is JsonValueKind.True or JsonValueKind.False,
        Kind.Number => LenientRead.Kind(value) == JsonValueKind.Number,
        Kind.Object => value is SpecObject,
        Kind.List => value is SpecArray,
        _ => true,
    };

    private static string Describe(Kind kind) => kind switch
    {
        Kind.Text => "text",
        Kind.Boolean => "true or false",
        Kind.Number => "a number",
        Kind.Object => "an object",
        _ => "a list",
    };

    /// <summary>True when <paramref name="node"/> is a <c>$ref</c>; reports one that is not a string or leads nowhere.</summary>
    private bool CheckReference(SpecObject node, Location pointer, string what)
    {
        if (!node.TryGetPropertyValue("$ref", out var reference))
        {
            return false;
        }

        if (LenientRead.Kind(reference) != JsonValueKind.String)
        {
            Invalid(pointer.Add("$ref"), "'$ref' must be a string.");
            return true;
        }

        // The model reports the references it follows (schemas, parameters, bodies, responses), with what they
        // become; the others are reported here.
        if (what is "path item" or "callback" or "security scheme" && _document.Resolve(node, out var target) is null)
        {
            _problems.Add((DiagnosticDescriptors.UnresolvedReference, pointer.Add("$ref").ToString(), [target!, $"the {what} is left out"]));
        }

        return true;
    }

    private void Require(SpecObject node, string key, Location pointer, string message)
    {
        if (LenientRead.Text(node, key) is null)
        {
            Rule(pointer, message);
        }
    }

    private T? Expect<T>(SpecNode? node, Location pointer, string what)
        where T : SpecNode
    {
        if (node is T expected)
        {
            return expected;
        }

        Invalid(pointer, $"Expected {what} at {pointer}, found {Describe(node)}; it is ignored.");
        return null;
    }

    private static string Describe(SpecNode? node) => LenientRead.Kind(node) switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private void Invalid(Location pointer, string message) => _problems.Add((DiagnosticDescriptors.InvalidOpenApi, pointer.ToString(), [message]));

    private void Rule(Location pointer, string message) => _problems.Add((DiagnosticDescriptors.RuleViolation, pointer.ToString(), [message]));

    /// <summary>
    /// Where the walk is, as a chain of steps: the JSON pointer is written out only for a place with a problem, not
    /// for each of the hundreds of thousands of nodes walked.
    /// </summary>
    private sealed class Location
    {
        public static readonly Location Root = new(null, null);

        private readonly Location? _parent;
        private readonly string? _segment;

        private Location(Location? parent, string? segment)
        {
            _parent = parent;
            _segment = segment;
        }

        public Location Add(string segment) => new(this, segment);

        public Location Add(int index) => new(this, index.ToString(System.Globalization.CultureInfo.InvariantCulture));

        public override string ToString() => _parent is null ? "#" : JsonPointer.Append(_parent.ToString(), _segment!);
    }
}
