using System.Diagnostics;
using System.Globalization;
using ViT.Benchmarks.Suites;
using static ViT.Benchmarks.Timing.Statistics;

namespace ViT.Benchmarks.Overhead;

/// <summary>
/// The trainer's overhead measured in pairs: each round times <see cref="TrainerOverheadBenchmarks.BareLoop"/> and
/// <see cref="TrainerOverheadBenchmarks.TrainerFit"/> back to back (alternating which goes first) on freshly seeded
/// weights, so a drift in the machine's speed affects both sides of a pair alike. Reports the median of the per-pair
/// ratios. Run: <c>dotnet run -c Release --project ViT.Benchmarks -- overhead [rounds]</c>.
/// </summary>
public static class PairedOverhead
{
    public static void Run(int rounds)
    {
        var suite = new TrainerOverheadBenchmarks();
        suite.Setup();
        Time(suite, suite.BareLoop); // warm-up: JIT, allocator and thread pools
        Time(suite, suite.TrainerFit);

        var bare = new List<double>();
        var fit = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            bool bareFirst = round % 2 == 0;
            double first = Time(suite, bareFirst ? suite.BareLoop : suite.TrainerFit);
            double second = Time(suite, bareFirst ? suite.TrainerFit : suite.BareLoop);
            bare.Add(bareFirst ? first : second);
            fit.Add(bareFirst ? second : first);
        }
        suite.Cleanup();

        var ratios = fit.Zip(bare, (f, b) => f / b).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rounds} pairs of 20 training steps (batch 64, timm configuration, CPU):"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  bare loop    median {Median(bare):F1} ms  (min {bare.Min():F1}, max {bare.Max():F1})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  Trainer.Fit  median {Median(fit):F1} ms  (min {fit.Min():F1}, max {fit.Max():F1})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  overhead     median of paired ratios {100 * (Median(ratios) - 1):+0.0;-0.0} %  (quartiles {100 * (Quantile(ratios, 0.25) - 1):+0.0;-0.0} %, {100 * (Quantile(ratios, 0.75) - 1):+0.0;-0.0} %)"));
    }

    static double Time(TrainerOverheadBenchmarks suite, Func<double> method)
    {
        suite.FreshModel();
        var clock = Stopwatch.StartNew();
        method();
        return clock.Elapsed.TotalMilliseconds;
    }
}
