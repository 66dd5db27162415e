using System.Diagnostics;
using ViT.Data;
using ViT.IO;
using ViT.Samples.Cli;
using ViT.Samples.Models;
using ViT.Training;
using ViT.Weights;
using static TorchSharp.torch;

namespace ViT.Samples.FineTuning;

/// <summary>
/// The <c>finetune</c> subcommand: timm's configuration trained on digits 0-4, then its body under a new five-class head
/// on digits 5-9 (the head alone on the frozen body, then every layer at a tenth of the rate), against the same
/// network trained from scratch on 5-9 for as many epochs. Writes <c>finetune/finetune.txt</c> with the table.
/// </summary>
public static class FineTuneRun
{
    /// <summary>The head's state-dict name: what is left out of the trained body and trained anew.</summary>
    const string Head = "head";

    /// <summary>Runs the comparison as <paramref name="settings"/> ask (epochs per phase, batch, rate, data, limit); returns the exit code.</summary>
    public static int Run(SampleSettings settings)
    {
        string folder = Path.Combine(settings.OutputDirectory, "finetune");
        OutputFolder.Create(folder);
        using var data = SampleData.Open(settings.DataDirectory, ImageShape.Of(TimmViT5.InputShape), settings.Seed, settings.MaxImagePixels);
        using var firstTrain = Limited(DigitHalf.Of(data.Train, 0), settings);
        using var firstTest = DigitHalf.Of(data.Test, 0);
        using var secondTrain = Limited(DigitHalf.Of(data.Train, DigitHalf.Classes), settings);
        using var secondTest = DigitHalf.Of(data.Test, DigitHalf.Classes);
        Console.WriteLine($"Digits 0-4: {firstTrain.Count:N0} training, {firstTest.Count:N0} test images; digits 5-9: {secondTrain.Count:N0} and {secondTest.Count:N0}.");
        var rows = new List<string>();
        Trainer NewTrainer(double learningRate, int? epochs = null) => new(new TrainerOptions
        {
            Epochs = epochs ?? settings.Epochs, BatchSize = settings.BatchSize, LearningRate = learningRate, Seed = settings.Seed,
            Device = settings.Device, OutputDirectory = null, LogEveryNSteps = 100, Transforms = data.ToModel.Steps.Count > 0 ? data.ToModel : null,
        });
        void Row(string run, int epochs, double seconds, Evaluation test) =>
            rows.Add(FormattableString.Invariant($"{run,-41} | {epochs,6} | {seconds,5:F0} s | {test.Accuracy,13:P2}"));

        Console.WriteLine("1. Training on digits 0-4.");
        string pretrained = Path.Combine(folder, "digits-0-4.safetensors");
        var clock = Stopwatch.StartNew();
        using (var model = NewModel(settings))
        {
            NewTrainer(settings.LearningRate).Fit(model, firstTrain, firstTest);
            Row("digits 0-4 from scratch (test on 0-4)", settings.Epochs, clock.Elapsed.TotalSeconds, NewTrainer(settings.LearningRate).Test(model, firstTest));
            ModelWeights.Save(model, pretrained);
        }

        Console.WriteLine("2. Training on digits 5-9 from scratch, for both phases' epochs.");
        clock.Restart();
        using (var model = NewModel(settings))
        {
            var trainer = NewTrainer(settings.LearningRate, 2 * settings.Epochs);
            trainer.Fit(model, secondTrain, secondTest);
            Row("digits 5-9 from scratch", 2 * settings.Epochs, clock.Elapsed.TotalSeconds, trainer.Test(model, secondTest));
        }

        Console.WriteLine("3. Fine-tuning the digits 0-4 body on digits 5-9 under a new head.");
        clock.Restart();
        using (var model = NewModel(settings))
        {
            Console.WriteLine(ModelWeights.Load(model, pretrained, exclude: [Head]));
            model.FreezeAllBut(Head);
            NewTrainer(settings.LearningRate).Fit(model, secondTrain, secondTest);
            Row("digits 5-9: new head on the frozen body", settings.Epochs, clock.Elapsed.TotalSeconds, NewTrainer(settings.LearningRate).Test(model, secondTest));
            model.UnfreezeAll();
            NewTrainer(settings.LearningRate / 10).Fit(model, secondTrain, secondTest);
            Row("digits 5-9: then every layer at rate / 10", 2 * settings.Epochs, clock.Elapsed.TotalSeconds, NewTrainer(settings.LearningRate).Test(model, secondTest));
        }

        string table = string.Join(Environment.NewLine, [$"{"Run",-41} | Epochs |    Time | Test accuracy", new string('-', 76), .. rows]);
        AtomicFile.WriteAllText(Path.Combine(folder, "finetune.txt"), table + Environment.NewLine);
        Console.WriteLine();
        Console.WriteLine(table);
        Console.WriteLine($"Wrote {Path.Combine(folder, "finetune.txt")}");
        return 0;
    }

    static TimmViT5 NewModel(SampleSettings settings)
    {
        manual_seed(settings.Seed);
        var model = new TimmViT5();
        SamplePrecision.Apply(model, nameof(TimmViT5), settings);
        return model;
    }

    static ImageDataset Limited(ImageDataset half, SampleSettings settings)
    {
        if (settings.Limit is not int limit || limit >= half.Count) return half;
        var first = half.Take(limit);
        half.Dispose();
        return first;
    }
}
