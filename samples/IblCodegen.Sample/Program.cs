using IblCodegen.Sample;

var app = SampleApp.Build(args);
app.Lifetime.ApplicationStarted.Register(() => SampleApp.PrintWelcome(app));
app.Run();
