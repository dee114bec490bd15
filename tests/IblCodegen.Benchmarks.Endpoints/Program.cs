using BenchmarkDotNet.Running;
using IblCodegen.Benchmarks.Endpoints;

// `serve` runs the endpoints on Kestrel for wrk (see wrk.sh); `paired-client` alternates the client calls
// (PairedClientRuns); anything else goes to BenchmarkDotNet.
if (args is ["paired-client", ..])
{
    await PairedClientRuns.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 40, args.Length > 2 ? int.Parse(args[2]) : 2_000);
    return;
}

if (args is ["serve", ..])
{
    var app = BenchmarkApp.Build(testServer: false, url: args.Length > 1 ? args[1] : "http://127.0.0.1:5090");
    app.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(EndpointBenchmarks).Assembly).Run(args);
