using System.Globalization;
using TorchSharp;
using ViT.Benchmarks.Cases;
using ViT.Benchmarks.Models;
using ViT.Benchmarks.Research;
using ViT.Benchmarks.Timing;
using ViT.Benchmarks.Verification;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Throughput;

/// <summary>
/// The quick throughput measurement: for each model and precision, the generated and the hand-written model train and
/// infer on the same batch (the model's <see cref="BenchmarkModel.BatchSize"/>) in alternating turns, both with their
/// weights and images in the memory format asked for (the generated one with the step ViT#'s trainer takes, Adam over
/// one flat buffer; the hand-written one with the step every TorchSharp tutorial writes), with matrix-product probes
/// timed in the same rounds, and one parseable line goes to the output (details to the log).
/// </summary>
public static class ThroughputCommand
{
    /// <summary>Training steps (and inference batches) per turn of the alternation.</summary>
    public const int CallsPerTurn = 5;

    /// <summary>Measures each model in each precision and writes one <see cref="ThroughputResult"/> line per pair.</summary>
    /// <param name="models">The models.</param>
    /// <param name="precisions">The precisions.</param>
    /// <param name="steps">Timed training steps (and inference batches) per form; rounded up to whole turns.</param>
    /// <param name="clock">The clock the milliseconds (and the matrix-product rates) come from.</param>
    /// <param name="channelsLast">Both forms' convolution weights and images stored channels-last (<see cref="ChannelsLast"/>).</param>
    /// <param name="output">Where the parseable lines go.</param>
    /// <param name="log">Where the details go.</param>
    public static IReadOnlyList<ThroughputResult> Run(IReadOnlyList<BenchmarkModel> models, IReadOnlyList<BenchPrecision> precisions, int steps, TimingClock clock, bool channelsLast, TextWriter output, TextWriter log)
    {
        var results = new List<ThroughputResult>();
        foreach (var model in models)
        {
            foreach (var precision in precisions)
            {
                var result = Measure(model, precision, steps, clock, channelsLast, log);
                output.WriteLine(result);
                output.Flush();
                results.Add(result);
            }
        }

        return results;
    }

    static ThroughputResult Measure(BenchmarkModel model, BenchPrecision precision, int steps, TimingClock clock, bool channelsLast, TextWriter log)
    {
        int batchSize = model.BatchSize;
        int rounds = Math.Max(1, (steps + CallsPerTurn - 1) / CallsPerTurn);
        string precisionName = precision.ToString().ToLowerInvariant();
        using var batch = new Batch(model.InputShape, model.Classes, batchSize);

        torch.manual_seed(1);
        var hand = model.Hand();
        var generated = model.CreateGenerated(precision);
        // bfloat16 products round the logits to about 1% (docs/performance.md), float32 forms agree to float32 rounding
        SameFunction.Require(generated, hand, batch.Images, precision == BenchPrecision.Bf16 ? 0.05 : 1e-5);
        long parameters = hand.parameters().Sum(p => p.numel());

        using var handCase = new ModuleCase("hand", hand, batch, StepOptions.Plain with { ChannelsLast = channelsLast });
        using var generatedCase = new ModuleCase("generated", generated, batch, StepOptions.Trainer with { ChannelsLast = channelsLast });
        ITimedCase[] cases = [generatedCase, handCase];
        PeakMemory.Reset();
        string loadBefore = MachineLoad.Describe();

        using var square = new MatMulProbe(1024, 1024, 1024, precision);
        using var own = new MatMulProbe(model.ProbeShape.M, model.ProbeShape.K, model.ProbeShape.N, precision);
        var probes = Probes(square, own, precision);
        foreach (var c in cases) c.BeginTraining();
        var timedTrain = AlternatingTimer.Run([.. cases.Select(c => (Action)c.TrainStep), .. probes.Select(p => p.Run)], rounds, CallsPerTurn);
        var train = timedTrain.Select(samples => samples.On(clock)).ToArray();
        foreach (var c in cases) c.BeginInference();
        var infer = AlternatingTimer.Run(cases.Select(c => (Action)c.InferBatch).ToArray(), rounds, CallsPerTurn).Select(samples => samples.On(clock)).ToArray();

        double peak = PeakMemory.PeakMegabytes();
        var rates = probes.Select((p, i) => (p.Label, Rate: Statistics.Median(timedTrain[cases.Length + i].On(clock).Select(p.Probe.Rate).ToArray()))).ToArray();
        double floor = 3.0 * model.ForwardFlops * batchSize / rates.Max(r => r.Rate) * 1000;
        int handIndex = cases.Length - 1;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{model.Name} {precisionName}: {rounds} rounds of {CallsPerTurn} steps, {torch.get_num_threads()} threads, {clock.ToString().ToLowerInvariant()} clock; " +
            $"matrix products {string.Join(", ", rates.Select(r => $"{r.Label} {r.Rate / 1e9:F0} GFLOP/s"))}; " +
            $"training step {3.0 * model.ForwardFlops * batchSize / 1e9:F2} GFLOP; hand train quartiles {Statistics.Quantile(train[handIndex], 0.25):F2}-{Statistics.Quantile(train[handIndex], 0.75):F2} ms; {loadBefore}, then {MachineLoad.Describe()}"));

        return new ThroughputResult(model.Name, precisionName, parameters, batchSize, channelsLast ? "channels-last" : "contiguous",
            TrainMs: Statistics.Median(train[0]),
            HandTrainMs: Statistics.Median(train[handIndex]),
            Speedup: Statistics.MedianRatio(train[handIndex], train[0]),
            InferMs: Statistics.Median(infer[0]),
            HandInferMs: Statistics.Median(infer[handIndex]),
            FloorMs: floor,
            PeakRssMb: peak);
    }

    /// <summary>
    /// The products the floor's rate comes from: each probe as the models run it, and in float32 also through oneDNN
    /// (<see cref="OneDnnProducts"/>), which this machine runs at twice MKL's float32 rate; the floor takes the fastest.
    /// </summary>
    static (string Label, MatMulProbe Probe, Action Run)[] Probes(MatMulProbe square, MatMulProbe own, BenchPrecision precision)
    {
        var probes = new List<(string, MatMulProbe, Action)> { (square.Label, square, square.Run), (own.Label, own, own.Run) };
        if (precision == BenchPrecision.Fp32 && OneDnnProducts.Available)
        {
            foreach (var probe in new[] { square, own })
            {
                probes.Add(($"{probe.Label} (oneDNN)", probe, () =>
                {
                    using var oneDnn = OneDnnProducts.Enable();
                    probe.Run();
                }));
            }
        }

        return probes.ToArray();
    }
}
