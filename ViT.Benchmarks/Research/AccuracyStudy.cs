using System.Globalization;
using TorchSharp;
using ViT.Benchmarks.Models;
using ViT.Data;
using ViT.Training;
using ViT.Training.Callbacks;

namespace ViT.Benchmarks.Research;

/// <summary>
/// Whether bfloat16 products cost accuracy: the tutorial's recipe (Adam 3e-4, batch 64, constant rate) on MNIST with
/// the generated model computing in float32 and in bfloat16 products (<c>Precision = BFloat16</c>, what
/// <c>[Precision(Precision.BFloat16)]</c> sets), from the same initial weights for a seed, through the real
/// <see cref="Trainer"/>; one row per model, precision and seed, then the mean per model and precision.
/// </summary>
public static class AccuracyStudy
{
    /// <summary>Trains and tests each model in each precision for each seed; writes one table.</summary>
    public static void Run(IReadOnlyList<BenchmarkModel> models, IReadOnlyList<BenchPrecision> precisions, int epochs, IReadOnlyList<int> seeds, TextWriter output, TextWriter log)
    {
        using var mnist = Mnist.Load(ViT.Samples.SampleData.MnistDirectory);
        output.WriteLine();
        output.WriteLine($"#### Test accuracy after {epochs} epochs (tutorial recipe), float32 against bfloat16 products");
        output.WriteLine();
        output.WriteLine("| model | precision | seed | test accuracy % | training s |");
        output.WriteLine("| --- | --- | ---: | ---: | ---: |");
        var means = new List<string>();
        foreach (var model in models)
        {
            var accuracies = precisions.ToDictionary(p => p, _ => new List<double>());
            foreach (int seed in seeds)
            {
                foreach (var precision in precisions)
                {
                    torch.manual_seed(seed); // the same initial weights in every precision
                    using var trained = model.CreateGenerated(precision);
                    var trainer = new Trainer(new TrainerOptions
                    {
                        Epochs = epochs, Seed = seed, Device = "cpu", OutputDirectory = null, Callbacks = [new PlainProgressBar(log, logEveryNSteps: 200)],
                    });
                    var fit = trainer.Fit(trained, mnist.Train);
                    double accuracy = 100 * trainer.Test(trained, mnist.Test).Accuracy;
                    accuracies[precision].Add(accuracy);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {model.Name} | {Name(precision)} | {seed} | {accuracy:F2} | {fit.TrainingSeconds:F0} |"));
                    output.Flush();
                }
            }

            means.AddRange(precisions.Select(p => string.Create(CultureInfo.InvariantCulture,
                $"| {model.Name} | {Name(p)} | mean of {seeds.Count} | {accuracies[p].Average():F2} | |")));
        }

        foreach (string mean in means) output.WriteLine(mean);
    }

    static string Name(BenchPrecision precision) => precision.ToString().ToLowerInvariant();
}
