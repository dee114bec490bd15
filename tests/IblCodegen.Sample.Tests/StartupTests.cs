using IblCodegen.Sample.Handlers;
using Microsoft.AspNetCore.Builder;

namespace IblCodegen.Sample.Tests;

/// <summary>Wiring mistakes are said at startup, by name.</summary>
public sealed class StartupTests
{
    [Fact]
    public void Mapping_endpoints_that_need_permissions_without_AddIblPermissions_names_it()
    {
        var builder = WebApplication.CreateSlimBuilder();
        using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => CatalogHandlers.MapEndpoints(app));
        Assert.Contains("AddIblPermissions", error.Message, StringComparison.Ordinal);
        Assert.Contains("CatalogHandlers", error.Message, StringComparison.Ordinal);
    }
}
