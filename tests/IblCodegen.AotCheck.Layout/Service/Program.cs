using IblCodegen.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

// Maps every operation the library has endpoints for, through the generated handler class, so that the service's
// side of the layout is compiled under the analyzers too. Run, it answers 501 to each (after authentication and
// permissions, which this check defines none of).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddIblPermissions(permissions => { });
var app = builder.Build();
IblCodegen.AotCheck.Service.Handlers.MapEndpoints(app);
app.Run();

namespace IblCodegen.AotCheck.Service
{
    /// <summary>Every operation, stubbed.</summary>
    [IblCodegen.OpenApiHandlers(StubMissingHandlers = true)]
    internal sealed partial class Handlers
    {
    }
}
