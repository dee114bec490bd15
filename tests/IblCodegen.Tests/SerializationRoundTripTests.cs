using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using IblCodegen.Tests.Infrastructure;

namespace IblCodegen.Tests;

/// <summary>
/// The JSON examples of the seed documents read into the generated types and written back unchanged.
/// Serialization goes through the generated context alone (no reflection resolver), as the client and server use it.
/// </summary>
public sealed class SerializationRoundTripTests
{
    private static readonly Lazy<Assembly> Generated = new(() =>
        GeneratedAssembly.Load(GeneratorHarness.Run(TestAdditionalText.FromFile(RepoPaths.ProjectSpec))));

    private static readonly Lazy<JsonSerializerOptions> Options = new(() => Generated.Value.GeneratedJsonOptions("IblDataManager.IblDataManagerJsonContext"));

    private const string GroupSuggestion = """
        { "id": 123, "group_id": 789, "group_name": "Engineering Team", "platform_key": "platform1", "accepted": false,
          "visible": true, "created": "2023-06-15T14:30:00Z", "modified": "2023-06-15T14:30:00Z", "metadata": {},
          "course_id": "course-v1:org+course+run", "course_name": "Introduction to Programming", "user_count": 25 }
        """;

    private const string UserSuggestion = """
        { "id": 123, "user_id": 456, "username": "student1", "name": "Student Name", "platform_key": "platform1",
          "accepted": false, "visible": true, "created": "2023-06-15T14:30:00Z", "modified": "2023-06-15T14:30:00Z",
          "metadata": {}, "course_id": "course-v1:org+course+run", "course_name": "Introduction to Programming" }
        """;

    private const string PathwaySuggestion = """
        { "id": 123, "user_id": 456, "username": "student1", "name": "Student Name", "platform_key": "platform1",
          "accepted": false, "visible": true, "created": "2023-06-15T14:30:00Z", "modified": "2023-06-15T14:30:00Z",
          "metadata": {}, "pathway_id": "pathway-v1:org+pathway+run", "pathway_uuid": "12345678-1234-5678-1234-567812345678",
          "pathway_name": "Data Science Pathway", "pathway_platform_key": "platform1" }
        """;

    private const string OvertimeMeta = """
        { "total": 0, "change_range": 0, "change_last_seven_days": 0, "change_last_thirty_days": 0,
          "change_last_seven_days_percent": 0, "change_last_thirty_days_percent": 0, "change_range_percent": 0.1 }
        """;

    [Fact]
    public void Group_suggestion_round_trips()
    {
        var suggestion = RoundTrip("CourseGroupSuggestionDetail", GroupSuggestion);
        Assert.Equal("course-v1:org+course+run", suggestion.Get("CourseId"));
        Assert.Equal(25, suggestion.Get("UserCount"));
        Assert.Equal(new DateTimeOffset(2023, 6, 15, 14, 30, 0, TimeSpan.Zero), suggestion.Get("Created"));
    }

    [Fact]
    public void User_suggestion_round_trips()
    {
        var suggestion = RoundTrip("CourseSuggestionDetail", UserSuggestion);
        Assert.Equal("student1", suggestion.Get("Username"));
        Assert.Equal(456, suggestion.Get("UserId"));
    }

    [Fact]
    public void Pathway_suggestion_round_trips()
    {
        var suggestion = RoundTrip("PathwaySuggestionDetail", PathwaySuggestion);
        Assert.Equal("12345678-1234-5678-1234-567812345678", suggestion.Get("PathwayUuid"));
    }

    [Fact]
    public void Page_with_next_and_previous_round_trips()
    {
        var json = $$"""{ "count": 5, "next": "https://example.com/api/catalog/suggestions/course/group/?page=2", "previous": null, "results": [ {{GroupSuggestion}} ] }""";
        var page = RoundTrip(PageOf("CourseGroupSuggestionDetail"), json);
        Assert.Equal(5, page.Get("Count"));
        Assert.Equal("https://example.com/api/catalog/suggestions/course/group/?page=2", page.Get("Next"));
        Assert.Null(page.Get("Previous"));
        Assert.Equal("NextPrevious", page.Get("LinkStyle")!.ToString());
        Assert.Single((System.Collections.IEnumerable)page.Get("Results")!);
    }

    [Fact]
    public void Page_with_next_page_and_previous_page_round_trips()
    {
        var json = $$"""{ "count": 10, "next_page": "http://example.com", "previous_page": null, "results": [ {{UserSuggestion}} ] }""";
        var page = RoundTrip(PageOf("CourseSuggestionDetail"), json);
        Assert.Equal("http://example.com", page.Get("Next"));
        Assert.Equal("NextPagePreviousPage", page.Get("LinkStyle")!.ToString());
    }

    [Fact]
    public void Page_of_pathway_suggestions_round_trips()
    {
        var json = $$"""{ "count": 10, "next_page": "http://example.com?page=3", "previous_page": "http://example.com?page=1", "results": [ {{PathwaySuggestion}}, {{PathwaySuggestion}} ] }""";
        var page = RoundTrip(PageOf("PathwaySuggestionDetail"), json);
        Assert.Equal("http://example.com?page=1", page.Get("Previous"));
    }

    [Fact]
    public void Page_linking_by_page_number_round_trips()
    {
        var json = """{ "count": 3, "next_page": 2, "previous_page": null, "results": [] }""";
        var page = RoundTrip(PageOf("PathwaySuggestionDetail"), json);
        Assert.Equal("2", page.Get("Next"));
        Assert.Equal("NextPagePreviousPageNumbers", page.Get("LinkStyle")!.ToString());
    }

    [Fact]
    public void Overtime_meta_round_trips()
    {
        var meta = RoundTrip("OvertimeMeta", OvertimeMeta);
        Assert.Equal(0.1, meta.Get("ChangeRangePercent"));
    }

    [Fact]
    public void Active_users_over_time_round_trips()
    {
        var json = $$"""{ "data": { "2023-06-14": 3, "2023-06-15": 30 }, "total": 33, "meta": {{OvertimeMeta}} }""";
        var overTime = RoundTrip("OvertimeWithChangeInfo", json);
        var data = (IReadOnlyDictionary<string, int>)overTime.Get("Data")!;
        Assert.Equal(30, data["2023-06-15"]);
    }

    [Fact]
    public void Active_users_per_course_round_trips()
    {
        var json = $$"""
            { "data": [ { "course_id": "course-v1:org+course+run", "name": "Introduction to Programming", "user_count": 7 } ],
              "total": 7, "meta": {{OvertimeMeta}} }
            """;
        var perCourse = RoundTrip("ActiveUsersPerCourse", json);
        Assert.Equal(7, perCourse.Get("Total"));
    }

    [Fact]
    public void Time_spent_round_trips()
    {
        var timeSpent = RoundTrip("TimeSpentPerUserResponse", """{ "total_seconds": 5400 }""");
        Assert.Equal(5400, timeSpent.Get("TotalSeconds"));
    }

    [Fact]
    public void Optional_members_that_are_absent_stay_absent()
    {
        var json = """{ "platform_key": "platform1", "course_id": "course-v1:org+course+run", "group_id": 789 }""";
        RoundTrip("CourseGroupSuggestionCreate", json);
    }

    [Fact]
    public void A_missing_required_member_is_rejected()
    {
        var type = Generated.Value.GetRequiredType("IblDataManager.CourseGroupSuggestionCreate");
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{ "platform_key": "platform1" }""", type, Options.Value));
        Assert.Contains("course_id", error.Message);
    }

    [Fact]
    public void A_null_where_the_spec_allows_none_is_rejected_by_the_context_client_and_server_read_with()
    {
        // The generated context's own options (as the client and the generated endpoints use them), not a copy.
        var context = (System.Text.Json.Serialization.JsonSerializerContext)Generated.Value.GetRequiredType("IblDataManager.IblDataManagerJsonContext").GetProperty("Default")!.GetValue(null)!;
        var typeInfo = context.GetTypeInfo(Generated.Value.GetRequiredType("IblDataManager.CourseGroupSuggestionCreate"))!;
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{ "platform_key": "platform1", "course_id": null, "group_id": 789 }""", typeInfo));
        Assert.Equal("$.course_id", error.Path);

        // A member that may be missing may also be null.
        Assert.NotNull(JsonSerializer.Deserialize("""{ "platform_key": "platform1", "course_id": "c", "group_id": 789, "metadata": null }""", typeInfo));
    }

    private static Type PageOf(string itemType) =>
        Generated.Value.GetRequiredType("IblDataManager.Page`1").MakeGenericType(Generated.Value.GetRequiredType("IblDataManager." + itemType));

    private static object RoundTrip(string typeName, string json) =>
        RoundTrip(Generated.Value.GetRequiredType("IblDataManager." + typeName), json);

    private static object RoundTrip(Type type, string json) => RoundTrip(type, json, Options.Value);

    internal static object RoundTrip(Type type, string json, JsonSerializerOptions options)
    {
        var value = JsonSerializer.Deserialize(json, type, options) ?? throw new InvalidOperationException("Deserialized to null.");
        var written = JsonSerializer.Serialize(value, type, options);
        Assert.True(
            JsonNode.DeepEquals(Normalize(JsonNode.Parse(json)), Normalize(JsonNode.Parse(written))),
            $"Round trip changed the JSON.\nIn:  {JsonNode.Parse(json)!.ToJsonString()}\nOut: {written}");
        return value;
    }

    /// <summary>
    /// Equivalent, not identical: System.Text.Json writes the instant "2023-06-15T14:30:00Z" as "2023-06-15T14:30:00+00:00".
    /// Date-times are compared as instants; everything else as it is.
    /// </summary>
    private static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    obj[key] = Normalize(obj[key]?.DeepClone());
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = Normalize(array[i]?.DeepClone());
                }

                return array;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String
                && value.GetValue<string>() is { Length: >= 20 } text && text[10] == 'T'
                && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var instant):
                return JsonValue.Create(instant.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            default:
                return node;
        }
    }
}
