using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using ViT.Data;
using ViT.Imaging;
using ViT.IO;
using ViT.Onnx;
using ViT.PyTorch;
using ViT.Samples.Cli;
using ViT.Samples.Models;
using ViT.Training;
using ViT.Training.Callbacks;
using ViT.Weights;
using static TorchSharp.torch;

namespace ViT.Samples;

/// <summary>
/// The tutorial end to end: the data and its sample picture, then each chosen model summarised, trained,
/// tested and drawn with its predictions, and finally a table comparing the models.
/// </summary>
public static class TutorialRun
{
    /// <summary>Exit code of a run stopped by Ctrl+C (128 + SIGINT); SIGTERM gives 143 and SIGHUP 129.</summary>
    public const int InterruptedExitCode = 130;

    /// <summary>Runs the tutorial as <paramref name="settings"/> ask; returns the process exit code.</summary>
    public static int Run(SampleSettings settings)
    {
        var entries = settings.Models.Select(TutorialModels.Get).ToList();
        // One run per --out: a second one is refused before it reads or writes anything there.
        OutputFolder.Create(settings.OutputDirectory);
        using var outputLock = OutputFolderLock.Acquire(settings.OutputDirectory, Console.WriteLine);
        // A resume that would fail fails now, before any picture or file of the earlier run is rewritten.
        bool resuming = settings.Resume || settings.ResumeFrom is not null;
        if (resuming)
            foreach (var entry in entries) NewTrainer(entry, settings, new TransformPipeline()).CheckResume();

        using var interrupt = new InterruptSignal();
        var opened = new Dictionary<ImageShape, DataSplits>();
        try
        {
            var results = new List<ModelResult>();
            foreach (var entry in entries)
            {
                // Image folders are decoded at the model's input, so models of other inputs get their own copy.
                var input = ImageShape.Of(entry.Summary.InputShape);
                bool first = opened.Count == 0;
                if (!opened.TryGetValue(input, out var data)) opened[input] = data = Open(settings, input, interrupt.Token);
                IImageSource train = settings.Limit is int limit ? ImageSourceView.First(data.Train, limit) : data.Train;
                // Other data (another --data or --limit) is refused before the first picture is drawn, too.
                if (resuming) NewTrainer(entry, settings, data.ToModel).CheckResume(train);
                if (first) DescribeData(data, settings);
                results.Add(TrainOne(entry, train, data, settings, interrupt.Token));
            }
            interrupt.Token.ThrowIfCancellationRequested();
            Report(results, settings);
            return 0;
        }
        catch (TrainingInterruptedException stopped)
        {
            Console.WriteLine();
            Console.WriteLine($"Interrupted: {stopped.Message}");
            Console.WriteLine($"Resume with: {ResumeCommand(settings)}");
            return interrupt.ExitCode;
        }
        catch (OperationCanceledException) when (interrupt.Token.IsCancellationRequested)
        {
            Console.WriteLine();
            Console.WriteLine("Interrupted: every file written so far is complete; the ones not yet written are missing.");
            Console.WriteLine(entries.Any(entry => File.Exists(Path.Combine(settings.OutputDirectory, entry.Name, "checkpoints", "last.ckpt")))
                ? $"Resume with: {ResumeCommand(settings)}"
                : "Nothing was trained yet: run the same command again to start.");
            return interrupt.ExitCode;
        }
        finally
        {
            foreach (var data in opened.Values) data.Dispose();
        }
    }

    static DataSplits Open(SampleSettings settings, ImageShape input, CancellationToken interrupt)
    {
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"Loading {settings.DataDirectory} at {input} ...");
        var data = SampleData.Open(settings.DataDirectory, input, settings.Seed, settings.MaxImagePixels, interrupt);
        Console.WriteLine(FormattableString.Invariant($"Loaded {data.Train.Count:N0} training and {data.Test.Count:N0} test images in {clock.Elapsed.TotalSeconds:F1} s."));
        return data;
    }

    static void Report(List<ModelResult> results, SampleSettings settings)
    {
        string table = ComparisonTable.Format(results);
        AtomicFile.WriteAllText(Path.Combine(settings.OutputDirectory, "comparison.txt"), table);
        Console.WriteLine();
        Console.WriteLine(table);
        Console.WriteLine($"All output is in {settings.OutputDirectory}");
    }

    static void DescribeData(DataSplits data, SampleSettings settings)
    {
        Console.WriteLine($"Data: {data.Format} in {settings.DataDirectory}, {data.ClassNames.Count} classes");
        Console.WriteLine($"Train: {data.Train.Count:N0} images {data.Train.ImageShape}; test: {data.Test.Count:N0} images {data.Test.ImageShape}");
        if (data.ToModel.Steps.Count > 0) Console.WriteLine($"Converted to the model's input by: {string.Join(", ", data.ToModel.Steps)}");
        using var scope = NewDisposeScope();
        var loader = new BatchLoader(data.Train, settings.BatchSize, shuffle: true, settings.Seed, data.ToModel, prefetch: 0);
        var (images, labels) = loader.Batches().First();
        Console.WriteLine($"One training batch: images {Shape(images)} {images.dtype}, labels {Shape(labels)} {labels.dtype}");

        int count = (int)Math.Min(64, images.shape[0]);
        string path = Path.Combine(settings.OutputDirectory, "samples.png");
        var titles = labels[..count].data<long>().ToArray().Select(label => new GridTitle(data.ClassNames[(int)label])).ToArray();
        ImageGrid.Draw(images[..count], titles, [$"{count} training images of the first shuffled batch, each under its label."]).Save(path);
        Console.WriteLine($"Wrote {path}");
    }

    /// <summary>The trainer for one model: the recipe's options with the command line's values, completed for the data.</summary>
    static Trainer NewTrainer(TutorialModels.Entry entry, SampleSettings settings, TransformPipeline toModel, params TrainerCallback[] callbacks) =>
        new(settings.Recipe.Complete(settings.Recipe.Defaults with
        {
            Epochs = settings.Epochs,
            BatchSize = settings.BatchSize,
            LearningRate = settings.LearningRate,
            Schedule = settings.Schedule,
            Seed = settings.Seed,
            Device = settings.Device,
            OutputDirectory = Path.Combine(settings.OutputDirectory, entry.Name),
            Resume = settings.Resume,
            ResumeFrom = settings.ResumeFrom,
            LogEveryNSteps = 100,
            Callbacks = callbacks,
        }, toModel));

    static ModelResult TrainOne(TutorialModels.Entry entry, IImageSource train, DataSplits data, SampleSettings settings, CancellationToken interrupt)
    {
        var test = data.Test;
        Console.WriteLine();
        Console.WriteLine($"== {entry.Name}: {entry.Description}");
        string folder = Path.Combine(settings.OutputDirectory, entry.Name);
        torch.manual_seed(settings.Seed);
        using var model = entry.Create();
        var generated = (IGeneratedModel)model;
        SamplePrecision.Apply(generated, entry.Name, settings);
        string products = generated.Precision == Precision.BFloat16 ? "bfloat16 products" : "float32";
        Console.WriteLine(FormattableString.Invariant(
            $"Recipe: {settings.Recipe.Name} ({settings.Recipe.Summary}), learning rate {settings.LearningRate:0.#####} ({settings.Schedule}), batch {settings.BatchSize}, {settings.Epochs} epochs, seed {settings.Seed}, {products}"));
        var tensorBoard = new TensorBoardLogger(Path.Combine(folder, "tensorboard"));
        var trainer = NewTrainer(entry, settings, data.ToModel, tensorBoard, new LearningRateMonitor());

        var fit = trainer.Fit(model, train, test, interrupt);
        // As in the tutorial, validation runs on the test images: the last epoch's validation is the test result.
        var last = fit.History[^1];
        var evaluation = new Evaluation(last.ValidationLoss, last.ValidationAccuracy, test.Count);
        Console.WriteLine($"{entry.Name}: test accuracy {evaluation.Accuracy:P2}, test loss {evaluation.Loss:F4} on {evaluation.Count:N0} images");
        // After training, each phase ends at its next batch or file when interrupted: no file is left torn.
        var predictions = WritePredictions(trainer, model, test, data.ToModel, Path.Combine(folder, "predictions.png"), interrupt);
        long lastStep = (long)(train.Count + settings.BatchSize - 1) / settings.BatchSize * fit.History.Count;
        tensorBoard.LogImage("predictions", predictions, lastStep);
        Console.WriteLine($"Wrote {tensorBoard.VersionDirectory} (tensorboard --logdir {tensorBoard.Directory})");
        interrupt.ThrowIfCancellationRequested();
        string weights = Path.Combine(folder, $"{entry.Name}.safetensors");
        ModelWeights.Save(model, weights);
        Console.WriteLine($"Wrote {weights}");
        string twin = Path.Combine(folder, $"{entry.Name}.py");
        ((IGeneratedModel)model).ExportPyTorch(twin);
        Console.WriteLine($"Wrote {twin} and {PyTorchExport.LauncherFileName} (the PyTorch twin and its torchrun launcher: docs/scale-out.md)");
        interrupt.ThrowIfCancellationRequested();
        var (torchSharp, onnx) = ExportAndCompare(entry, model, trainer, data, folder, settings.BatchSize, interrupt);

        return new ModelResult(entry.Name, entry.Summary.TotalParameters, evaluation.Accuracy, evaluation.Loss,
            TimeSpan.FromSeconds(fit.TrainingSeconds), fit.ImagesPerSecond, torchSharp, onnx);
    }

    /// <summary>
    /// Writes <c>&lt;model&gt;.onnx</c> beside the weights and runs it on the test set in ONNX Runtime (its accuracy
    /// should be the one just reported, to rounding when the model computed in bfloat16: the exported graph is float32);
    /// times inference in both engines on the same first 2,000 test images, at the training batch size, and returns
    /// both throughputs.
    /// </summary>
    static (double TorchSharp, double Onnx) ExportAndCompare(TutorialModels.Entry entry, nn.Module<Tensor, Tensor> model, Trainer trainer, DataSplits data, string folder, int batchSize,
        CancellationToken interrupt)
    {
        string path = Path.Combine(folder, $"{entry.Name}.onnx");
        model.ExportOnnx(path, OnnxPreprocessing.From(trainer.Options.Transforms, ClassNames(data, entry.Summary.OutputShape[0])));
        Console.WriteLine($"Wrote {path}");
        using var classifier = OnnxInference.Open(path);
        var onnx = OnnxInference.Evaluate(classifier, data.Test, data.ToModel, batchSize, interrupt);

        var timed = ImageSourceView.First(data.Test, Math.Min(2000, data.Test.Count));
        var clock = Stopwatch.StartNew();
        trainer.Test(model, timed, interrupt);
        double torchSharpPerSecond = timed.Count / clock.Elapsed.TotalSeconds;
        double onnxPerSecond = OnnxInference.Evaluate(classifier, timed, data.ToModel, batchSize, interrupt).ImagesPerSecond;
        Console.WriteLine(FormattableString.Invariant(
            $"{entry.Name} in ONNX Runtime{(((IGeneratedModel)model).Precision == Precision.Float32 ? "" : " (float32 products)")}: test accuracy {onnx.Evaluation.Accuracy:P2}; inference {onnxPerSecond:N0} images/s (TorchSharp {torchSharpPerSecond:N0})"));
        return (torchSharpPerSecond, onnxPerSecond);
    }

    /// <summary>The data's class names for a model of <paramref name="outputs"/> classes; outputs the data never labels (a 10-class model on 3 classes) keep their index.</summary>
    static IReadOnlyList<string> ClassNames(DataSplits data, long outputs) =>
        [.. data.ClassNames.Take((int)outputs), .. Enumerable.Range(data.ClassNames.Count, (int)Math.Max(0, outputs - data.ClassNames.Count)).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    /// <summary>The tutorial's last picture: 64 test images titled label/prediction, the wrong ones flagged.</summary>
    internal static Picture WritePredictions(Trainer trainer, nn.Module<Tensor, Tensor> model, IImageSource test, TransformPipeline toModel, string path,
        CancellationToken interrupt = default)
    {
        using var scope = NewDisposeScope();
        var (images, labelTensor) = SampleData.First(test, toModel, 64);
        long[] predictions = trainer.Predict(model, images, interrupt);
        long[] labels = labelTensor.data<long>().ToArray();
        var picture = PredictionGrid.Draw(images, labels, predictions);
        picture.Save(path);
        Console.WriteLine($"Wrote {path}");
        return picture;
    }

    /// <summary>The command that continues this run from its checkpoints.</summary>
    static string ResumeCommand(SampleSettings s)
    {
        var (kind, warmup) = s.Schedule is LinearWarmup w ? (w.After, w.Epochs) : (s.Schedule, 0);
        var arguments = new List<string>
        {
            "--model", s.Models.Count == 1 ? s.Models[0] : "all",
            "--recipe", s.Recipe.Name,
            "--epochs", s.Epochs.ToString(CultureInfo.InvariantCulture),
            "--batch-size", s.BatchSize.ToString(CultureInfo.InvariantCulture),
            "--lr", s.LearningRate.ToString("R", CultureInfo.InvariantCulture),
            "--lr-schedule", kind.Description,
            "--warmup-epochs", warmup.ToString("R", CultureInfo.InvariantCulture),
            "--seed", s.Seed.ToString(CultureInfo.InvariantCulture),
        };
        if (s.Limit is int limit) arguments.AddRange(["--limit", limit.ToString(CultureInfo.InvariantCulture)]);
        if (s.Device is string device) arguments.AddRange(["--device", device]);
        if (Path.GetFullPath(s.DataDirectory) != Path.GetFullPath(SampleData.MnistDirectory)) arguments.AddRange(["--data", Quote(s.DataDirectory)]);
        arguments.AddRange(["--out", Quote(s.OutputDirectory), "--resume"]);
        return $"dotnet run --project ViT.Samples -- {string.Join(' ', arguments)}";
    }

    static string Quote(string path) => path.Contains(' ') ? $"\"{path}\"" : path;

    static string Shape(Tensor tensor) => $"[{string.Join(", ", tensor.shape)}]";
}
