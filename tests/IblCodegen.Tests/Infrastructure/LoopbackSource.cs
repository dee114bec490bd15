namespace IblCodegen.Tests.Infrastructure;

/// <summary>
/// C# compiled into a test's generated service beside its handlers: starts the service's app on 127.0.0.1 (a port the
/// system picks), makes the test's requests with a plain <see cref="HttpClient"/>, stops it. Each answer is the status
/// code, a space and the body, as a client sees them.
/// </summary>
internal static class LoopbackSource
{
    public const string Code = """
        namespace Loopback;
        using System.Linq;
        using System.Net.Http;
        using System.Security.Claims;
        using System.Threading.Tasks;
        using IblCodegen.Server;
        using Microsoft.AspNetCore.Authentication;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.AspNetCore.Hosting.Server.Features;
        using Microsoft.Extensions.DependencyInjection;

        /// <summary>A service on 127.0.0.1 for the length of a test.</summary>
        public static class Server
        {
            /// <summary>
            /// A slim builder listening on 127.0.0.1 only, with problem details and, given <paramref name="keys"/>, API-key
            /// authentication ("Authorization: Api-Key …") in which each of them is valid and is its caller's name.
            /// </summary>
            public static WebApplicationBuilder CreateBuilder(params string[] keys)
            {
                var builder = WebApplication.CreateSlimBuilder();
                builder.WebHost.UseUrls("http://127.0.0.1:0");
                builder.Services.AddProblemDetails();
                if (keys.Length > 0)
                {
                    builder.Services.AddAuthentication("key").AddApiKey("key", options => options.ValidateKey = (key, _) =>
                        ValueTask.FromResult(keys.Contains(key) ? new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, key)], "ApiKey")) : null));
                    builder.Services.AddAuthorization();
                }

                return builder;
            }

            /// <summary>The app, with authentication and authorization where the builder has them.</summary>
            public static WebApplication Build(WebApplicationBuilder builder)
            {
                var app = builder.Build();
                if (app.Services.GetService<IAuthenticationSchemeProvider>() is not null)
                {
                    app.UseAuthentication();
                    app.UseAuthorization();
                }

                return app;
            }

            /// <summary>Starts <paramref name="app"/>, sends each request in turn, and stops it.</summary>
            public static async Task<string[]> AnswerAsync(WebApplication app, HttpRequestMessage[] requests)
            {
                await app.StartAsync();
                var address = ((IApplicationBuilder)app).ServerFeatures.Get<IServerAddressesFeature>()!.Addresses.Single();
                using var http = new HttpClient { BaseAddress = new System.Uri(address) };
                var answers = new string[requests.Length];
                for (var i = 0; i < requests.Length; i++)
                {
                    using var response = await http.SendAsync(requests[i]);
                    answers[i] = (int)response.StatusCode + " " + await response.Content.ReadAsStringAsync();
                }

                await app.StopAsync();
                return answers;
            }
        }
        """;

    /// <summary>A request with an optional <c>Authorization: Api-Key …</c> header and an optional JSON body.</summary>
    public static HttpRequestMessage Request(string method, string path, string? key = null, string? json = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Api-Key " + key);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        return request;
    }
}
