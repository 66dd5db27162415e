using System.Globalization;

namespace ViT.Samples;

/// <summary>One trained model's line in the final comparison.</summary>
/// <param name="Model">The model's command-line name.</param>
/// <param name="Parameters">Trainable parameters.</param>
/// <param name="TestAccuracy">Accuracy on the test images, in [0, 1].</param>
/// <param name="TestLoss">Mean cross-entropy on the test images.</param>
/// <param name="TrainingTime">Wall-clock time of <c>Fit</c>.</param>
/// <param name="ImagesPerSecond">Training images per second (the table's Images/s).</param>
/// <param name="InferencePerSecond">Test images per second in TorchSharp's evaluation.</param>
/// <param name="OnnxInferencePerSecond">Test images per second in ONNX Runtime, running the exported model.</param>
public sealed record ModelResult(string Model, long Parameters, double TestAccuracy, double TestLoss, TimeSpan TrainingTime, double ImagesPerSecond,
    double InferencePerSecond, double OnnxInferencePerSecond);

/// <summary>The table that ends the tutorial run: parameters, accuracy, training time and throughput, and inference throughput in TorchSharp and in ONNX Runtime, side by side.</summary>
public static class ComparisonTable
{
    /// <summary>Formats <paramref name="results"/> as a fixed-width text table.</summary>
    public static string Format(IReadOnlyList<ModelResult> results)
    {
        var culture = CultureInfo.InvariantCulture;
        var rows = results.Select(r => new[]
        {
            r.Model,
            r.Parameters.ToString("N0", culture),
            r.TestAccuracy.ToString("P2", culture),
            r.TestLoss.ToString("F4", culture),
            r.TrainingTime.ToString(@"m\:ss", culture),
            r.ImagesPerSecond.ToString("N0", culture),
            r.InferencePerSecond.ToString("N0", culture),
            r.OnnxInferencePerSecond.ToString("N0", culture),
        });
        return TextTable.Format(["Model", "Parameters", "Test accuracy", "Test loss", "Training time", "Images/s", "Inference (TorchSharp)", "Inference (ONNX Runtime)"], rows, 1, 2, 3, 4, 5, 6, 7);
    }
}
