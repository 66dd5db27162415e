using ViT.Weights;

namespace ViT.Training.Callbacks;

/// <summary>
/// Writes the trained weights as safetensors when a fit ends (after its last epoch, or the epoch in which a stop was
/// requested), for PyTorch, timm, ONNX export or fine-tuning without the checkpoint format. A default callback of
/// <see cref="Trainer"/>: <c>final.safetensors</c> beside the checkpoints. An interrupted fit writes none: its
/// <c>last.ckpt</c> resumes it.
/// </summary>
/// <param name="path">The safetensors file, replaced at the end of every fit.</param>
public sealed class FinalWeightsWriter(string path) : TrainerCallback
{
    /// <summary>The file name the trainer gives it beside the checkpoints.</summary>
    public const string DefaultFileName = "final.safetensors";

    /// <summary>The safetensors file.</summary>
    public string Path { get; } = path;

    /// <inheritdoc/>
    public override void OnFitEnd(TrainingContext context, FitResult result)
    {
        ModelWeights.Save(context.Model, Path);
        context.Report($"Wrote {Path}");
    }
}
