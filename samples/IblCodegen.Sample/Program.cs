using IblCodegen.Sample;

var app = SampleApp.Build(args);
app.Lifetime.ApplicationStarted.Register(() => SampleApp.PrintWelcome(app));
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
