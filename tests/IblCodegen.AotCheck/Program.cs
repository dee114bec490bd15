using IblCodegen.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

// Maps every operation the spec has, so that every generated endpoint is compiled under the analyzers. Run, it
// answers 501 to each (after authentication and permissions, which this check defines none of).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddIblPermissions(permissions => { });
var app = builder.Build();
IblCodegen.AotCheck.Handlers.MapEndpoints(app);
app.Run();

namespace IblCodegen.AotCheck
{
    /// <summary>Every operation, stubbed.</summary>
    [IblCodegen.OpenApiHandlers(StubMissingHandlers = true)]
    internal sealed partial class Handlers
    {
    }
}
