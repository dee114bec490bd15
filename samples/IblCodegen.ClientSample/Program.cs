using IblDataManager;

// Calls the sample service (`dotnet run --project samples/IblCodegen.Sample`) with the generated client.
var address = args.Length > 0 ? args[0] : "http://127.0.0.1:5080";
var apiKey = args.Length > 1 ? args[1] : "demo-dm-admin-key";

using var http = new HttpClient();
new IblDataManagerClientOptions { BaseAddress = new Uri(address), ApiKey = apiKey }.ConfigureHttpClient(http);
var client = new IblDataManagerClient(http);

try
{
    await foreach (var suggestion in client.Catalog.EnumerateSuggestionsCourseManageGroupAsync("acme", pageSize: 2))
    {
        Console.WriteLine($"{suggestion.GroupName}: {suggestion.CourseName} (accepted: {suggestion.Accepted})");
    }

    var active = await client.Audience.GetOrgsActiveUsersOverTimeAsync("acme");
    Console.WriteLine($"Active learners at acme over the last seven days: {active.Total}");
}
catch (IblDataManagerApiException error)
{
    Console.Error.WriteLine(error.Message);
    return 1;
}
catch (HttpRequestException error)
{
    Console.Error.WriteLine($"The service at {address} cannot be reached ({error.Message}). Start it with: dotnet run --project samples/IblCodegen.Sample");
    return 1;
}

return 0;
