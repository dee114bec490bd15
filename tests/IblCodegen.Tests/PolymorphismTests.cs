using System.Reflection;
using System.Text.Json;
using IblCodegen.Tests.Infrastructure;

namespace IblCodegen.Tests;

/// <summary>
/// A base schema with a discriminator, extended through <c>allOf</c>, becomes a System.Text.Json polymorphic family:
/// <c>[JsonPolymorphic]</c> on the base, a <c>[JsonDerivedType]</c> per subtype.
/// </summary>
public sealed class PolymorphismTests
{
    private const string Spec = """
        openapi: 3.0.3
        info: { title: zoo, version: '1' }
        paths: {}
        components:
          schemas:
            Pet:
              type: object
              required: [petType, name]
              properties:
                petType: { type: string }
                name: { type: string }
              discriminator:
                propertyName: petType
                mapping:
                  cat: '#/components/schemas/Cat'
            Cat:
              allOf:
                - $ref: '#/components/schemas/Pet'
                - type: object
                  properties:
                    petType: { type: string }
                    indoor: { type: boolean }
            Dog:
              allOf:
                - $ref: '#/components/schemas/Pet'
                - type: object
                  properties:
                    barks: { type: boolean }
            Kennel:
              type: object
              properties:
                pets:
                  type: array
                  items: { $ref: '#/components/schemas/Pet' }
            Tag:
              type: object
              properties:
                kind: { type: string }
              discriminator:
                propertyName: kind
        """;

    private static readonly Lazy<Assembly> Generated = new(() => GeneratedAssembly.Load(GeneratorHarness.Run(new TestAdditionalText("/specs/zoo.yaml", Spec))));

    private static JsonSerializerOptions Options => s_options.Value;

    private static readonly Lazy<JsonSerializerOptions> s_options = new(() => Generated.Value.GeneratedJsonOptions("Zoo.ZooJsonContext", allowOutOfOrderMetadata: true));

    [Fact]
    public void Subtypes_are_read_and_written_by_their_discriminator()
    {
        var kennel = Generated.Value.GetRequiredType("Zoo.Kennel");
        const string json = """{"pets":[{"petType":"cat","name":"Tom","indoor":true},{"name":"Rex","petType":"Dog","barks":true}]}""";
        var value = JsonSerializer.Deserialize(json, kennel, Options)!;
        var pets = ((System.Collections.IEnumerable)value.Get("Pets")!).Cast<object>().ToList();
        Assert.Equal(["Cat", "Dog"], pets.Select(p => p.GetType().Name));
        Assert.Equal(true, pets[0].Get("Indoor"));

        var written = JsonSerializer.Serialize(value, kennel, Options);
        Assert.Contains("\"petType\":\"cat\"", written);
        Assert.Contains("\"petType\":\"Dog\"", written);
        Assert.Contains("\"barks\":true", written);
    }

    [Fact]
    public void A_value_without_a_discriminator_reads_as_the_base_and_an_unknown_one_is_a_clear_error()
    {
        var petType = Generated.Value.GetRequiredType("Zoo.Pet");
        var pet = JsonSerializer.Deserialize("""{"name":"Polly"}""", petType, Options)!;
        Assert.Equal("Pet", pet.GetType().Name);
        Assert.Equal("Polly", pet.Get("Name"));

        // System.Text.Json has no fallback for an unknown discriminator value when reading (documented in the README).
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"petType":"parrot","name":"Polly"}""", petType, Options));
        Assert.Contains("parrot", error.Message);
    }

    [Fact]
    public void The_discriminator_is_not_a_property_of_the_family_but_stays_one_without_subtypes()
    {
        Assert.Null(Generated.Value.GetRequiredType("Zoo.Pet").GetProperty("PetType"));
        Assert.Null(Generated.Value.GetRequiredType("Zoo.Cat").GetProperty("PetType"));
        Assert.NotNull(Generated.Value.GetRequiredType("Zoo.Tag").GetProperty("Kind"));
    }
}
