using System;
using System.Collections.Generic;

namespace IblCodegen.Parsing;

/// <summary>The fixed fields of each OpenAPI object the checks walk (3.0 to 3.2), with the kind of value each takes.</summary>
internal sealed partial class DocumentChecks
{
    private enum Kind
    {
        /// <summary>A string; a number or boolean YAML wrote without quotes is read as its text.</summary>
        Text,
        Boolean,
        Number,
        Object,
        List,

        /// <summary>Anything: examples, defaults, and schemas (checked on their own).</summary>
        Any,
    }

    /// <summary>An object's fields and what the object is called in messages.</summary>
    private sealed class Fields(string name, Dictionary<string, Kind> kinds)
    {
        public string Name { get; } = name;

        public Dictionary<string, Kind> Kinds { get; } = kinds;
    }

    private static Fields Table(string name, params (string Field, Kind Kind)[] fields)
    {
        var kinds = new Dictionary<string, Kind>(StringComparer.Ordinal);
        foreach (var (field, kind) in fields)
        {
            kinds.Add(field, kind);
        }

        return new Fields(name, kinds);
    }

    private static readonly Fields DocumentFields = Table(
        "the document",
        ("openapi", Kind.Text), ("$self", Kind.Text), ("info", Kind.Object), ("jsonSchemaDialect", Kind.Text), ("servers", Kind.List),
        ("paths", Kind.Object), ("webhooks", Kind.Object), ("components", Kind.Object), ("security", Kind.List), ("tags", Kind.List),
        ("externalDocs", Kind.Object));

    private static readonly Fields InfoFields = Table(
        "an info object",
        ("title", Kind.Text), ("summary", Kind.Text), ("description", Kind.Text), ("termsOfService", Kind.Text), ("contact", Kind.Object),
        ("license", Kind.Object), ("version", Kind.Text));

    private static readonly Fields PathItemFields = Table(
        "a path item",
        ("$ref", Kind.Text), ("summary", Kind.Text), ("description", Kind.Text), ("get", Kind.Object), ("put", Kind.Object), ("post", Kind.Object),
        ("delete", Kind.Object), ("options", Kind.Object), ("head", Kind.Object), ("patch", Kind.Object), ("trace", Kind.Object),
        ("query", Kind.Object), ("additionalOperations", Kind.Object), ("servers", Kind.List), ("parameters", Kind.List));

    private static readonly Fields OperationFields = Table(
        "an operation",
        ("tags", Kind.List), ("summary", Kind.Text), ("description", Kind.Text), ("externalDocs", Kind.Object), ("operationId", Kind.Text),
        ("parameters", Kind.List), ("requestBody", Kind.Object), ("responses", Kind.Object), ("callbacks", Kind.Object),
        ("deprecated", Kind.Boolean), ("security", Kind.List), ("servers", Kind.List));

    private static readonly Fields ParameterFields = Table(
        "a parameter",
        ("name", Kind.Text), ("in", Kind.Text), ("description", Kind.Text), ("required", Kind.Boolean), ("deprecated", Kind.Boolean),
        ("allowEmptyValue", Kind.Boolean), ("style", Kind.Text), ("explode", Kind.Boolean), ("allowReserved", Kind.Boolean),
        ("schema", Kind.Any), ("example", Kind.Any), ("examples", Kind.Object), ("content", Kind.Object));

    private static readonly Fields RequestBodyFields = Table(
        "a request body",
        ("description", Kind.Text), ("content", Kind.Object), ("required", Kind.Boolean));

    private static readonly Fields MediaTypeFields = Table(
        "a media type",
        ("schema", Kind.Any), ("itemSchema", Kind.Any), ("example", Kind.Any), ("examples", Kind.Object), ("encoding", Kind.Object),
        ("prefixEncoding", Kind.List), ("itemEncoding", Kind.Object));

    private static readonly Fields ResponseFields = Table(
        "a response",
        ("summary", Kind.Text), ("description", Kind.Text), ("headers", Kind.Object), ("content", Kind.Object), ("links", Kind.Object));

    private static readonly Fields ComponentsFields = Table(
        "the components",
        ("schemas", Kind.Object), ("responses", Kind.Object), ("parameters", Kind.Object), ("examples", Kind.Object),
        ("requestBodies", Kind.Object), ("headers", Kind.Object), ("securitySchemes", Kind.Object), ("links", Kind.Object),
        ("callbacks", Kind.Object), ("pathItems", Kind.Object), ("mediaTypes", Kind.Object));

    private static readonly Fields TagFields = Table(
        "a tag",
        ("name", Kind.Text), ("summary", Kind.Text), ("description", Kind.Text), ("externalDocs", Kind.Object), ("parent", Kind.Text),
        ("kind", Kind.Text));

    private static readonly Fields SecuritySchemeFields = Table(
        "a security scheme",
        ("type", Kind.Text), ("description", Kind.Text), ("name", Kind.Text), ("in", Kind.Text), ("scheme", Kind.Text),
        ("bearerFormat", Kind.Text), ("flows", Kind.Object), ("openIdConnectUrl", Kind.Text), ("oauth2MetadataUrl", Kind.Text),
        ("deprecated", Kind.Boolean));

    private static readonly Fields DiscriminatorFields = Table(
        "a discriminator",
        ("propertyName", Kind.Text), ("mapping", Kind.Object), ("defaultMapping", Kind.Text));

    private static readonly Fields ServerFields = Table(
        "a server",
        ("url", Kind.Text), ("description", Kind.Text), ("name", Kind.Text), ("variables", Kind.Object));

    private static readonly Fields ContactFields = Table("a contact", ("name", Kind.Text), ("url", Kind.Text), ("email", Kind.Text));

    private static readonly Fields LicenseFields = Table("a license", ("name", Kind.Text), ("identifier", Kind.Text), ("url", Kind.Text));

    private static readonly Fields ExternalDocsFields = Table("external docs", ("description", Kind.Text), ("url", Kind.Text));

    /// <summary>
    /// The keywords of an OpenAPI 3.0 schema, which allows no others. An OpenAPI 3.1 schema is full JSON Schema and
    /// may carry any keyword, so there only the kinds of these are checked.
    /// </summary>
    private static readonly Fields SchemaFields = Table(
        "a schema",
        ("$ref", Kind.Text), ("title", Kind.Text), ("description", Kind.Text), ("format", Kind.Text), ("pattern", Kind.Text),
        ("type", Kind.Any), ("properties", Kind.Object), ("required", Kind.List), ("additionalProperties", Kind.Any),
        ("allOf", Kind.List), ("oneOf", Kind.List), ("anyOf", Kind.List), ("not", Kind.Any), ("items", Kind.Any), ("enum", Kind.List),
        ("discriminator", Kind.Object), ("nullable", Kind.Boolean), ("readOnly", Kind.Boolean), ("writeOnly", Kind.Boolean),
        ("deprecated", Kind.Boolean), ("uniqueItems", Kind.Boolean), ("minLength", Kind.Number), ("maxLength", Kind.Number),
        ("minItems", Kind.Number), ("maxItems", Kind.Number), ("minProperties", Kind.Number), ("maxProperties", Kind.Number),
        ("multipleOf", Kind.Number), ("minimum", Kind.Number), ("maximum", Kind.Number), ("exclusiveMinimum", Kind.Any),
        ("exclusiveMaximum", Kind.Any), ("default", Kind.Any), ("example", Kind.Any), ("xml", Kind.Object), ("externalDocs", Kind.Object));
}
