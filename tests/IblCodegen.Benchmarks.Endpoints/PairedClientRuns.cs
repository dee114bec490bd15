using System.Diagnostics;

namespace IblCodegen.Benchmarks.Endpoints;

/// <summary>
/// The client benchmark's hand-written and generated calls in alternating blocks, in one process: on a machine whose
/// speed drifts from minute to minute (this one), BenchmarkDotNet's one-method-after-the-other runs compare different
/// moments. Here each block of the generated call is compared with the hand-written block next to it, and the ratio
/// reported is the median of those pairs.
/// Run: <c>dotnet run -c Release --project tests/IblCodegen.Benchmarks.Endpoints -- paired-client [pairs] [calls]</c>.
/// </summary>
internal static class PairedClientRuns
{
    public static async Task RunAsync(int pairs, int calls)
    {
        var benchmarks = new ClientBenchmarks();
        benchmarks.Setup();

        // Warm up both (tiered compilation settles after some thousands of calls).
        for (var i = 0; i < 20_000; i++)
        {
            await benchmarks.HandWrittenList();
            await benchmarks.GeneratedList();
        }

        var ratios = new List<double>();
        var handTimes = new List<double>();
        var generatedTimes = new List<double>();
        for (var pair = 0; pair < pairs; pair++)
        {
            // Which goes first alternates, so neither always follows the other's garbage.
            double hand, generated;
            if (pair % 2 == 0)
            {
                hand = await TimeAsync(benchmarks.HandWrittenList, calls);
                generated = await TimeAsync(benchmarks.GeneratedList, calls);
            }
            else
            {
                generated = await TimeAsync(benchmarks.GeneratedList, calls);
                hand = await TimeAsync(benchmarks.HandWrittenList, calls);
            }

            handTimes.Add(hand);
            generatedTimes.Add(generated);
            ratios.Add(generated / hand);
        }

        Console.WriteLine($"{pairs} pairs of {calls} calls each, alternating (each goes first in half the pairs)");
        Console.WriteLine($"hand-written: median {Median(handTimes):F2} µs a call (fastest block {handTimes.Min():F2})");
        Console.WriteLine($"generated:    median {Median(generatedTimes):F2} µs a call (fastest block {generatedTimes.Min():F2})");
        Console.WriteLine($"generated / hand-written, per pair: median {Median(ratios):F3}, quartiles {Quantile(ratios, 0.25):F3}–{Quantile(ratios, 0.75):F3}");
    }

    private static async Task<double> TimeAsync(Func<Task<int>> call, int calls)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            await call();
        }

        return watch.Elapsed.TotalMicroseconds / calls;
    }

    private static double Median(List<double> values) => Quantile(values, 0.5);

    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        var position = q * (sorted.Count - 1);
        var low = (int)Math.Floor(position);
        var high = (int)Math.Ceiling(position);
        return sorted[low] + ((sorted[high] - sorted[low]) * (position - low));
    }
}
