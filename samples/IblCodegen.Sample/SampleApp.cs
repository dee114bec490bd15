using IblCodegen.Sample.Data;
using IblCodegen.Sample.Handlers;
using IblCodegen.Sample.Security;
using IblCodegen.Server;
using IblDataManager;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Scalar.AspNetCore;

namespace IblCodegen.Sample;

/// <summary>
/// The sample service: the generated suggestion and analytics endpoints, implemented over SQLite, behind API-key
/// authentication and the spec's permissions.
/// </summary>
public static class SampleApp
{
    /// <summary>A file in the working directory (the project folder under `dotnet run`), created on first run.</summary>
    public const string DefaultConnectionString = "Data Source=ibl-sample.db";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:5080");
        }

        // Page links are built from the request's host: only hosts the service is known by may ask, so a forged Host
        // header cannot make it hand out links to elsewhere. Behind a proxy, set AllowedHosts to the public name.
        if (string.IsNullOrEmpty(builder.Configuration["AllowedHosts"]))
        {
            builder.Configuration["AllowedHosts"] = "127.0.0.1;localhost;[::1]";
        }

        configure?.Invoke(builder);

        // Resolved from the final configuration, so hosts (tests among them) can point it elsewhere.
        builder.Services.AddSingleton(services => new SampleDatabase(
            services.GetRequiredService<IConfiguration>().GetConnectionString("Sample") ?? DefaultConnectionString));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ApiKeyAuthenticator>();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<StoreFaultHandler>();
        builder.Services.AddOpenApi();

        // Responses are written with the generated metadata, as request bodies are read: no reflection for the spec's types.
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, IblDataManagerJsonContext.Default));
        builder.Services
            .AddAuthentication(IblDataManagerSpec.SecuritySchemes.PlatformApiKeyAuthentication)
            .AddApiKey(IblDataManagerSpec.SecuritySchemes.PlatformApiKeyAuthentication, options =>
            {
                options.HeaderName = "Authorization";
                options.Prefix = "Api-Key";
                options.ValidateKey = (key, http) => new ValueTask<System.Security.Claims.ClaimsPrincipal?>(http.RequestServices.GetRequiredService<ApiKeyAuthenticator>()
                    .AuthenticateAsync(key, IblDataManagerSpec.SecuritySchemes.PlatformApiKeyAuthentication, http.RequestAborted));
            });
        builder.Services.AddIblPermissions(SamplePermissions.Define);

        var app = builder.Build();
        var clock = app.Services.GetRequiredService<TimeProvider>();
        if (app.Services.GetRequiredService<SampleDatabase>().EnsureCreated(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)))
        {
            app.Logger.LogInformation("Created and seeded the demo database.");
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        // The service describes itself with the spec's own document (paths as written, parameters, security,
        // x-ibl-permissions), which /docs reads; what ASP.NET Core infers from the endpoints stays beside it.
        IblDataManagerOpenApiDocument.Map(app);
        app.MapOpenApi("/openapi/{documentName}-endpoints.json");
        app.MapScalarApiReference("/docs");
        // A RequestDelegate, as the generated endpoints are: the Delegate overloads compile their handlers at startup.
        app.MapGet("/", context =>
        {
            context.Response.Redirect("/docs");
            return Task.CompletedTask;
        }).ExcludeFromDescription();
        CatalogHandlers.MapEndpoints(app);
        AnalyticsHandlers.MapEndpoints(app);
        return app;
    }

    public static void PrintWelcome(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
        Console.WriteLine($"""

            IblCodegen sample service ({IblDataManagerSpec.Title} {IblDataManagerSpec.Version}) is listening on {address}
              API reference: {address}/docs    OpenAPI document: {address}/openapi/v1.json
              Demo API key (data-manager admin): {SampleDatabase.DemoAdminKey}

            Try:
              curl -H "Authorization: Api-Key {SampleDatabase.DemoAdminKey}" "{address}/api/catalog/suggestions/course/manage/group/?platform_key=acme&page_size=2"
              curl -H "Authorization: Api-Key {SampleDatabase.DemoAdminKey}" "{address}/api/audience/orgs/acme/active-users/over-time"

            """);
    }
}
