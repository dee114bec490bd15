using System.Net;
using System.Text;

namespace IblCodegen.Sample.Tests;

/// <summary>The judge every sample test's answers pass through, tried on answers it must refuse and one it must accept.</summary>
public sealed class SpecConformanceTests
{
    private const string Groups = "http://localhost/api/catalog/suggestions/course/manage/group/?platform_key=acme";

    [Theory]
    [InlineData(200, """{"count":"three","next":null,"previous":null,"results":[]}""", "schema rejects")]
    [InlineData(200, """{"next":null,"previous":null,"results":[]}""", "schema rejects")]
    [InlineData(200, """{"count":1,"next":null,"previous":null,"results":[{"id":1}]}""", "schema rejects")]
    [InlineData(418, "", "does not declare")]
    [InlineData(404, "", "does not declare")]
    public async Task An_answer_the_spec_does_not_allow_is_refused(int status, string body, string message)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SpecConformance.CheckAsync(
            new HttpRequestMessage(HttpMethod.Get, Groups),
            new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") }));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task An_answer_the_spec_allows_passes()
    {
        await SpecConformance.CheckAsync(
            new HttpRequestMessage(HttpMethod.Get, Groups),
            new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"count":0,"next":null,"previous":null,"results":[]}""", Encoding.UTF8, "application/json") });
        await SpecConformance.CheckAsync(
            new HttpRequestMessage(HttpMethod.Get, Groups),
            new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("""{"title":"Forbidden","status":403}""", Encoding.UTF8, "application/problem+json") });
    }
}
