using System.Text.Json.Nodes;
using IblCodegen.Parsing;
using IblCodegen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace IblCodegen.Tests;

/// <summary>
/// A <c>$ref</c> written inside a wrapper (<c>allOf: [$ref]</c>, <c>oneOf</c>/<c>anyOf</c> of one <c>$ref</c>, or a
/// <c>nullable: true</c> beside <c>allOf: [$ref]</c>) means the schema it names: it must generate what the bare
/// reference generates (plus nullability), for parameters, properties and bodies alike.
/// </summary>
public sealed class WrappedReferenceTests(ITestOutputHelper output)
{
    public static readonly TheoryData<string> Wrappers = ["allOf", "oneOf", "anyOf"];

    private const string Spec = """
        openapi: 3.0.3
        info: { title: wrapped, version: '1' }
        paths:
          /things/{kind}:
            post:
              operationId: create_thing
              parameters:
                - { name: kind, in: path, required: true, schema: { $ref: '#/components/schemas/Kind' } }
                - { name: order, in: query, schema: { $ref: '#/components/schemas/Order' } }
                - { name: limit, in: query, schema: { $ref: '#/components/schemas/Limit' } }
                - { name: tags, in: query, schema: { $ref: '#/components/schemas/Tags' } }
              requestBody:
                required: true
                content:
                  application/json:
                    schema: { $ref: '#/components/schemas/Thing' }
              responses:
                '200':
                  description: the thing
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/Thing' }
        components:
          schemas:
            Kind: { type: string, enum: [small, large] }
            Order: { type: string, enum: [asc, desc], default: asc }
            Limit: { type: integer, minimum: 1, default: 10 }
            Tags: { type: array, items: { $ref: '#/components/schemas/Kind' } }
            Owner:
              type: object
              required: [name]
              properties:
                name: { type: string }
            Thing:
              type: object
              required: [kind, owner]
              properties:
                kind: { $ref: '#/components/schemas/Kind' }
                owner: { $ref: '#/components/schemas/Owner' }
                size: { $ref: '#/components/schemas/Limit' }
                kinds: { $ref: '#/components/schemas/Tags' }
        """;

    [Theory]
    [MemberData(nameof(Wrappers))]
    public void A_wrapped_reference_generates_what_the_bare_one_does(string wrapper)
    {
        var bare = Generate(SpecTransforms.ToJson(Spec));
        var wrapped = Generate(SpecTransforms.WrapReferences(SpecTransforms.ToJson(Spec), reference => new JsonObject { [wrapper] = new JsonArray(reference) }));

        Assert.Empty(bare.GeneratorDiagnostics);
        Assert.Empty(wrapped.GeneratorDiagnostics);
        Assert.Empty(wrapped.CompileProblems());
        Assert.Equal(bare.Sources.Select(s => s.HintName), wrapped.Sources.Select(s => s.HintName));
        foreach (var source in bare.Sources)
        {
            Assert.Equal(source.SourceText.ToString(), wrapped.Source(source.HintName));
        }
    }

    [Fact]
    public void A_nullable_wrapper_makes_the_reference_nullable_and_nothing_else()
    {
        var run = Generate(SpecTransforms.WrapReferences(
            SpecTransforms.ToJson(Spec),
            reference => new JsonObject { ["nullable"] = true, ["allOf"] = new JsonArray(reference) }));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileProblems());
        var thing = run.Source("Wrapped.Models.T.g.cs");
        Assert.Contains("global::Wrapped.Kind? Kind", thing);
        Assert.Contains("global::Wrapped.Owner? Owner", thing);
        Assert.Contains("int? Size", thing);

        // The parameters keep their enum values, default and types.
        var client = run.Source("Wrapped.Client.DefaultClient.g.cs");
        output.WriteLine(client);
        Assert.Contains("global::Wrapped.Kind kind", client);
        Assert.Contains("global::Wrapped.Order? order", client);
    }

    private static GeneratorRun Generate(JsonNode spec) =>
        GeneratorHarness.RunWeb(new TestAdditionalText("/specs/wrapped.json", spec.ToJsonString()));
}
