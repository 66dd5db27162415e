using System.Diagnostics;
using ViT.Data;
using ViT.Imaging;
using ViT.Onnx;
using ViT.Samples.Cli;
using ViT.Samples.Models;
using ViT.Training;
using static TorchSharp.torch;

namespace ViT.Samples;

/// <summary>
/// The sample's ONNX side: a trained model's exported file evaluated on the test set by ONNX Runtime (accuracy, loss
/// and images per second), and the <c>predict</c> subcommand for an .onnx file, which needs no TorchSharp model.
/// </summary>
public static class OnnxInference
{
    /// <summary>What ONNX Runtime made of the test set.</summary>
    /// <param name="Evaluation">Loss and accuracy, as <see cref="Trainer.Test"/> computes them.</param>
    /// <param name="ImagesPerSecond">Inference throughput over the test set at the batch size used.</param>
    /// <param name="Predictions">The predicted class of every test image.</param>
    public sealed record Result(Evaluation Evaluation, double ImagesPerSecond, long[] Predictions);

    /// <summary>Opens <paramref name="path"/>; a file ONNX Runtime cannot use is the user's mistake, named with the path.</summary>
    public static OnnxClassifier Open(string path)
    {
        try
        {
            return new OnnxClassifier(path);
        }
        catch (InvalidDataException error)
        {
            throw new UsageException(error.Message);
        }
    }

    /// <summary>
    /// Classifies every image of <paramref name="test"/>, converted to the model's input by <paramref name="toModel"/>
    /// as training does, in batches of <paramref name="batchSize"/>, timing it (loading included, as for TorchSharp's test).
    /// <paramref name="cancellation"/> stops it between batches.
    /// </summary>
    public static Result Evaluate(OnnxClassifier classifier, IImageSource test, TransformPipeline toModel, int batchSize, CancellationToken cancellation = default)
    {
        var loader = new BatchLoader(test, batchSize, shuffle: false, transform: toModel.Steps.Count > 0 ? toModel : null, prefetch: 0);
        var predictions = new List<long>(test.Count);
        double lossSum = 0;
        long correct = 0;
        var clock = Stopwatch.StartNew();
        foreach (var (images, labels) in loader.Batches())
        {
            using (images)
            using (labels)
            {
                cancellation.ThrowIfCancellationRequested();
                float[] logits = classifier.Logits(images.data<float>().ToArray());
                int[] best = classifier.ArgMax(logits);
                long[] truth = labels.data<long>().ToArray();
                for (int i = 0; i < truth.Length; i++)
                {
                    predictions.Add(best[i]);
                    if (best[i] == truth[i]) correct++;
                    lossSum += CrossEntropy(logits.AsSpan(i * classifier.Classes, classifier.Classes), truth[i]);
                }
            }
        }

        double seconds = clock.Elapsed.TotalSeconds;
        return new Result(new Evaluation(lossSum / test.Count, correct / (double)test.Count, test.Count), test.Count / seconds, predictions.ToArray());
    }

    /// <summary>
    /// <c>predict model.onnx</c>: test accuracy and loss from ONNX Runtime, the first predictions and the predictions
    /// grid, as for weights. The file must hold the model <c>--model</c> names, take its input and score the data's classes.
    /// </summary>
    public static int Predict(SampleSettings settings, TutorialModels.Entry entry, string path)
    {
        using var classifier = Open(path);
        // The split seed of an image folder without train/ and test/: the training default, as for weights.
        using var data = SampleData.Open(settings.DataDirectory, ImageShape.Of(entry.Summary.InputShape), seed: 42);
        RequireFits(classifier, entry.Summary.InputShape, data.ClassNames.Count, $"--model {entry.Name} on {data.Format} data");
        if (classifier.ModelName is { } name && name != entry.Summary.ModelName)
        {
            string? other = TutorialModels.All.FirstOrDefault(e => e.Summary.ModelName == name)?.Name;
            throw new UsageException($"{path} holds {name}, not {entry.Name}'s {entry.Summary.ModelName}{(other is null ? "" : $"; use --model {other}")}.");
        }

        Console.WriteLine($"Loaded {entry.Name} from {path} (ONNX, run by ONNX Runtime).");
        OutputFolder.Create(settings.OutputDirectory);
        var result = Evaluate(classifier, data.Test, data.ToModel, settings.BatchSize);
        PredictRun.ReportTest(result.Evaluation);

        using var scope = NewDisposeScope();
        var (images, labels) = SampleData.First(data.Test, data.ToModel, 64);
        long[] truth = labels.data<long>().ToArray();
        PredictRun.ReportFirst(truth.Take(16), result.Predictions);
        string grid = Path.Combine(settings.OutputDirectory, $"{entry.Name}-predictions.png");
        PredictionGrid.Draw(images, truth, result.Predictions[..truth.Length]).Save(grid);
        Console.WriteLine($"Wrote {grid}");
        return 0;
    }

    /// <summary>A file whose input or class count differs from the data predict gives it is the user's mistake: one line naming both.</summary>
    static void RequireFits(OnnxClassifier classifier, IReadOnlyList<long> imageShape, int classes, string source)
    {
        try
        {
            classifier.RequireFits(imageShape, classes, source);
        }
        catch (ArgumentException error)
        {
            throw new UsageException(error.Message);
        }
    }

    /// <summary>−log softmax(row)[label], computed stably in double.</summary>
    static double CrossEntropy(ReadOnlySpan<float> row, long label)
    {
        double max = double.NegativeInfinity, sum = 0;
        foreach (float value in row) max = Math.Max(max, value);
        foreach (float value in row) sum += Math.Exp(value - max);
        return max + Math.Log(sum) - row[(int)label];
    }
}
