using ViT.Data;
using ViT.Samples.Cli;
using ViT.Samples.Models;
using ViT.Training;
using ViT.Weights;

namespace ViT.Samples;

/// <summary>The <c>predict</c> subcommand: weights from a checkpoint or a .safetensors file (or an exported .onnx model), accuracy on the test set, the predictions grid.</summary>
public static class PredictRun
{
    /// <summary>Evaluates the checkpoint at <paramref name="checkpointPath"/>; returns the process exit code.</summary>
    public static int Run(SampleSettings settings, string checkpointPath)
    {
        if (settings.Models.Count != 1)
            throw new UsageException($"predict needs one model, not {string.Join(" and ", settings.Models)}: add --model {string.Join(" or --model ", settings.Models)}.");
        var entry = TutorialModels.Get(settings.Models[0]);
        if (Path.GetExtension(checkpointPath) == ".onnx") return OnnxInference.Predict(settings, entry, checkpointPath);
        using var model = entry.Create();
        SamplePrecision.Apply((IGeneratedModel)model, entry.Name, settings);
        if (Path.GetExtension(checkpointPath) == ".safetensors")
        {
            Console.WriteLine(ModelWeights.Load(model, checkpointPath));
        }
        else
        {
            var state = CheckpointFile.LoadWeights(checkpointPath, model);
            Console.WriteLine($"Loaded {entry.Name} from {checkpointPath} (epoch {state.Epoch}{(state.EpochFinished ? "" : $", step {state.StepsDoneInEpoch}")}).");
        }

        OutputFolder.Create(settings.OutputDirectory);
        // The split seed of an image folder without train/ and test/: the training default (predict has no --seed).
        using var data = SampleData.Open(settings.DataDirectory, ImageShape.Of(entry.Summary.InputShape), seed: 42);
        var test = data.Test;
        var trainer = new Trainer(new TrainerOptions
        {
            BatchSize = settings.BatchSize, Device = settings.Device, OutputDirectory = null, Transforms = data.ToModel.Steps.Count > 0 ? data.ToModel : null,
        });
        ReportTest(trainer.Test(model, test));

        using var scope = TorchSharp.torch.NewDisposeScope();
        var (images, labelTensor) = SampleData.First(test, data.ToModel, 16);
        ReportFirst(labelTensor.data<long>().ToArray(), trainer.Predict(model, images));

        TutorialRun.WritePredictions(trainer, model, test, data.ToModel, Path.Combine(settings.OutputDirectory, $"{entry.Name}-predictions.png"));
        return 0;
    }

    /// <summary>The test line, the same whichever engine evaluated.</summary>
    internal static void ReportTest(Evaluation evaluation) =>
        Console.WriteLine($"Test accuracy {evaluation.Accuracy:P2}, loss {evaluation.Loss:F4} on {evaluation.Count:N0} images.");

    /// <summary>The first test images' labels and predictions.</summary>
    internal static void ReportFirst(IEnumerable<long> labels, IEnumerable<long> predictions) =>
        Console.WriteLine($"First predictions (label/prediction): {string.Join(" ", labels.Zip(predictions, (l, p) => $"{l}/{p}"))}");
}
