using BenchmarkDotNet.Running;
using IblCodegen.Benchmarks.Endpoints;

// `serve` runs the endpoints on Kestrel for wrk (see wrk.sh); anything else goes to BenchmarkDotNet.
if (args is ["serve", ..])
{
    var app = BenchmarkApp.Build(testServer: false, url: args.Length > 1 ? args[1] : "http://127.0.0.1:5090");
    app.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(EndpointBenchmarks).Assembly).Run(args);
