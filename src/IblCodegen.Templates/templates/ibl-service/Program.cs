using System.Security.Claims;
using IblCodegen.Server;
using IblDataManager;
using IblService;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddProblemDetails();

// The spec's types are read and written with the generated JSON metadata, not reflection.
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, IblDataManagerJsonContext.Default));

// Who is calling: replace with a lookup of the API key in your store.
builder.Services
    .AddAuthentication(IblDataManagerSpec.SecuritySchemes.PlatformApiKeyAuthentication)
    .AddApiKey(IblDataManagerSpec.SecuritySchemes.PlatformApiKeyAuthentication, options =>
    {
        var developerKey = builder.Configuration["DeveloperApiKey"];
        options.ValidateKey = (key, _) => ValueTask.FromResult(
            !string.IsNullOrEmpty(developerKey) && key == developerKey
                ? new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "developer")], "ApiKey"))
                : null);
    });

// What each permission means. A permission left undefined is refused (403).
builder.Services.AddIblPermissions(permissions =>
{
    if (builder.Environment.IsDevelopment())
    {
        // Development only: the developer key holds every permission, so the endpoints can be tried.
        foreach (var field in typeof(IblDataManagerSpec.Permissions).GetFields())
        {
            permissions.Define((string)field.GetValue(null)!, (user, _) => user.Identity?.Name == "developer");
        }
    }
});

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
Handlers.MapEndpoints(app);
if (app.Environment.IsDevelopment())
{
    // `dotnet run` starts in Development (Properties/launchSettings.json): the spec's own document for this
    // service's operations, and a page to call them with the developer key (appsettings.Development.json).
    IblDataManagerOpenApiDocument.Map(app);
    app.MapScalarApiReference("/docs").AllowAnonymous();
}

app.Run();
