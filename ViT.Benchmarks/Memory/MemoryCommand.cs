using System.Globalization;
using TorchSharp;
using ViT.Benchmarks.Cases;
using ViT.Benchmarks.Models;
using ViT.Benchmarks.Timing;

namespace ViT.Benchmarks.Memory;

/// <summary>
/// The memory check: trains each model (the generated form, or the hand-written one where there is none yet) for many
/// steps on one batch and samples the resident set and TorchSharp's live-tensor count ten times on the way. A leak
/// shows as a resident set or live count that keeps rising after the first tenth; the line reports both ends.
/// </summary>
public static class MemoryCommand
{
    /// <summary>Trains each model <paramref name="steps"/> steps and writes one line per model.</summary>
    public static void Run(IReadOnlyList<BenchmarkModel> models, BenchPrecision precision, int steps, TextWriter output, TextWriter log)
    {
        foreach (var model in models)
        {
            using var batch = new Batch(model.InputShape, model.Classes, model.BatchSize);
            torch.manual_seed(1);
            const string form = "generated";
            using var measured = new ModuleCase(form, model.CreateGenerated(precision), batch, StepOptions.Trainer);

            PeakMemory.Reset();
            measured.BeginTraining();
            var samples = new List<(int Step, double RssMb, long Live)>();
            int every = Math.Max(1, steps / 10);
            for (int step = 1; step <= steps; step++)
            {
                measured.TrainStep();
                if (step % every == 0 || step == steps)
                {
                    samples.Add((step, PeakMemory.CurrentMegabytes(), DisposeScopeManager.Statistics.ThreadTotalLiveCount));
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{model.Name} {form} step {step}: rss {samples[^1].RssMb:F0} MiB, live tensors {samples[^1].Live}"));
                }
            }

            var (first, last) = (samples[0], samples[^1]);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"model={model.Name} precision={precision.ToString().ToLowerInvariant()} form={form} steps={steps} peak_rss_mb={PeakMemory.PeakMegabytes():F0} " +
                $"rss_mb_at_{first.Step}={first.RssMb:F0} rss_mb_at_{last.Step}={last.RssMb:F0} growth_mb={last.RssMb - first.RssMb:F0} " +
                $"live_tensors_at_{first.Step}={first.Live} live_tensors_at_{last.Step}={last.Live}"));
            output.Flush();
        }
    }
}
