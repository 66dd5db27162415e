using System.Globalization;
using TorchSharp;
using ViT.Benchmarks.Cases;
using ViT.Benchmarks.Throughput;
using ViT.Benchmarks.Timing;
using ViT.Benchmarks.Verification;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Research;

/// <summary>
/// RESEARCH BASELINE, not the product. Times variants of one model against its first variant (the baseline), all on
/// the same batch (64 images unless a study says otherwise) in alternating turns, after checking that each computes the baseline's function (same
/// weights, logits within the variant's tolerance; two training steps that move the logits alike). Writes a Markdown table: median train and inference ms, the
/// median of per-round speedups over the baseline, and the tensors one training step creates.
/// </summary>
public static class Study
{
    /// <summary>Runs the study and writes its table to <paramref name="output"/>.</summary>
    /// <param name="title">The table's heading.</param>
    /// <param name="reference">Creates the reference model (float32, plain), whose weights every variant takes.</param>
    /// <param name="imageShape">One image, <c>[C, H, W]</c>.</param>
    /// <param name="variants">The baseline first, then the variants.</param>
    /// <param name="steps">Timed training steps (and inference batches) per variant.</param>
    /// <param name="clock">The clock the milliseconds come from.</param>
    /// <param name="output">Where the table goes.</param>
    /// <param name="log">Where progress goes.</param>
    /// <param name="classes">The models' output classes.</param>
    /// <param name="batchSize">Images per batch.</param>
    public static void Run(string title, Func<nn.Module<Tensor, Tensor>> reference, long[] imageShape, IReadOnlyList<Variant> variants, int steps, TimingClock clock, TextWriter output, TextWriter log,
        int classes = 10, int batchSize = 64)
    {
        using var batch = new Batch(imageShape, classes, batchSize);
        torch.manual_seed(1);
        using var referenceModel = reference();
        var cases = new List<ModuleCase>();
        try
        {
            foreach (var variant in variants)
            {
                var model = variant.Model(referenceModel);
                variant.Wrap(() => SameFunction.Require(referenceModel, model, batch.Images, variant.Tolerance, "the reference", variant.Name))();
                cases.Add(new ModuleCase(variant.Name, model, batch, variant.Step));
            }

            // Two training steps each from the same weights must move the logits alike: this checks the backward pass
            // and the optimizer (fused or permuted weights, flat buffers), not only the forward. The comparison is of
            // the steps' effects, not of the logits: Adam's first steps move every weight by about the rate whatever
            // the gradient's size, so a gradient that rounding leaves near zero with the other sign moves its weight
            // the other way, and logits that summed in another order drift apart by more than rounding.
            var before = cases.Select((c, i) => Wrapped(variants[i], () => SameFunction.Logits(c.Model, batch.Images).DetachFromDisposeScope())).ToArray();
            var tensors = cases.Select((c, i) => TensorsPerStep(c, variants[i])).ToArray();
            var moved = cases.Select((c, i) => Wrapped(variants[i], () => SameFunction.Logits(c.Model, batch.Images).DetachFromDisposeScope()) - before[i]).ToArray();
            for (int i = 1; i < cases.Count; i++)
            {
                double disagreement = ((moved[i] - moved[0]).norm() / moved[0].norm()).item<double>();
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{title}: {variants[i].Name}: two steps move the logits like the baseline's to {100 * disagreement:F1}%"));
                if (!(disagreement <= StepAgreement))
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{variants[i].Name}: two training steps move the logits {100 * disagreement:F0}% differently from {variants[0].Name}'s (more than {100 * StepAgreement:F0}%): its backward pass or optimizer step is not the baseline's."));
            }

            foreach (var logits in before.Concat(moved)) logits.Dispose();

            string loadBefore = MachineLoad.Describe();
            int rounds = Math.Max(1, (steps + ThroughputCommand.CallsPerTurn - 1) / ThroughputCommand.CallsPerTurn);
            foreach (var c in cases) c.BeginTraining();
            var train = AlternatingTimer.Run(cases.Select((c, i) => variants[i].Wrap(c.TrainStep)).ToArray(), rounds, ThroughputCommand.CallsPerTurn).Select(samples => samples.On(clock)).ToArray();
            foreach (var c in cases) c.BeginInference();
            var infer = AlternatingTimer.Run(cases.Select((c, i) => variants[i].Wrap(c.InferBatch)).ToArray(), rounds, ThroughputCommand.CallsPerTurn).Select(samples => samples.On(clock)).ToArray();

            output.WriteLine();
            output.WriteLine($"#### {title}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rounds} rounds of {ThroughputCommand.CallsPerTurn} steps, {torch.get_num_threads()} threads, batch {batch.Images.shape[0]}, {clock.ToString().ToLowerInvariant()} clock; {loadBefore}, then {MachineLoad.Describe()}."));
            output.WriteLine();
            output.WriteLine("| variant | train_ms | infer_ms | train speedup | infer speedup | tensors/step | notes |");
            output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
            for (int i = 0; i < cases.Count; i++)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {variants[i].Name} | {Statistics.Median(train[i]):F2} | {Statistics.Median(infer[i]):F2} | {Statistics.MedianRatio(train[0], train[i]):F2} | {Statistics.MedianRatio(infer[0], infer[i]):F2} | {tensors[i]} | {variants[i].Notes} |"));
            }

            output.Flush();
            log.WriteLine($"{title}: done");
        }
        finally
        {
            foreach (var c in cases) c.Dispose();
        }
    }

    /// <summary>
    /// How far two steps' effect on the logits may differ from the baseline's, relative to that effect. Measured:
    /// equivalent variants agree to 0.0-0.2% in float32 and to 1-3% with bfloat16 products; a model whose attention
    /// (or MLP) weights receive no gradient differs by 18% (32-50%).
    /// </summary>
    const double StepAgreement = 0.1;

    static Tensor Wrapped(Variant variant, Func<Tensor> compute)
    {
        Tensor? result = null;
        variant.Wrap(() => result = compute())();
        return result!;
    }

    /// <summary>The tensors one training step creates (TorchSharp's own count; each is a native allocation and a handle).</summary>
    static long TensorsPerStep(ModuleCase timed, Variant variant)
    {
        timed.BeginTraining();
        variant.Wrap(timed.TrainStep)(); // the first step creates the optimizer's state
        var statistics = DisposeScopeManager.Statistics;
        long before = statistics.CreatedInScopeCount + statistics.CreatedOutsideScopeCount;
        variant.Wrap(timed.TrainStep)();
        return statistics.CreatedInScopeCount + statistics.CreatedOutsideScopeCount - before;
    }
}
