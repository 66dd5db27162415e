using System.Globalization;
using TorchSharp;
using ViT.Benchmarks.Hand;
using ViT.Benchmarks.Models;
using ViT.Benchmarks.Verification;
using ViT.Data;
using ViT.Training;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Research;

/// <summary>
/// RESEARCH BASELINE, not the product. Whether bfloat16 products cost accuracy: the tutorial's recipe (Adam 3e-4,
/// batch 64, constant rate) on MNIST with the plain float32 model and with <see cref="FastViT"/> in bfloat16 products
/// from the same initial weights, one row per model, precision and seed, through the real <see cref="Trainer"/>.
/// </summary>
public static class AccuracyStudy
{
    /// <summary>Trains and tests the named model (tutorial, timm or all) in each precision for each seed; writes one table.</summary>
    public static void Run(string modelName, IReadOnlyList<BenchPrecision> precisions, int epochs, IReadOnlyList<int> seeds, TextWriter output, TextWriter log)
    {
        using var mnist = Mnist.Load();
        output.WriteLine();
        output.WriteLine($"#### Test accuracy after {epochs} epochs (tutorial recipe), float32 against bfloat16 products");
        output.WriteLine();
        output.WriteLine("| model | precision | seed | test accuracy % | training s |");
        output.WriteLine("| --- | --- | ---: | ---: | ---: |");
        var models = new (string Name, HandViTConfig Config, AttentionKind Kind, Func<nn.Module<Tensor, Tensor>> Hand)[]
        {
            ("tutorial", HandViTConfig.Tutorial, AttentionKind.TutorialListing, HandModels.Tutorial),
            ("timm", HandViTConfig.Timm, AttentionKind.Split, HandModels.Timm),
        };
        foreach (var model in models.Where(m => modelName == "all" || m.Name == modelName))
        {
            foreach (int seed in seeds)
            {
                foreach (var precision in precisions)
                {
                    torch.manual_seed(seed);
                    using var hand = model.Hand();
                    using var trained = precision == BenchPrecision.Fp32
                        ? model.Hand()
                        : new FastViT(model.Config, new FastViTOptions(model.Kind, Autocast.Bf16, FuseQkv: model.Kind != AttentionKind.Split)).LoadFrom(hand);
                    if (precision == BenchPrecision.Fp32) SameFunction.CopyWeights(hand, trained);

                    var trainer = new Trainer(new TrainerOptions { Epochs = epochs, Seed = seed, Device = "cpu", OutputDirectory = null },
                        new PlainProgressReporter(log, logEveryNSteps: 200));
                    var fit = trainer.Fit(trained, mnist.Train);
                    double accuracy = trainer.Test(trained, mnist.Test).Accuracy;
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {model.Name} | {precision.ToString().ToLowerInvariant()} | {seed} | {100 * accuracy:F2} | {fit.TrainingSeconds:F0} |"));
                    output.Flush();
                }
            }
        }
    }
}
