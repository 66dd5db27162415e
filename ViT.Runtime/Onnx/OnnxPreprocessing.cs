using ViT.Data;

namespace ViT.Onnx;

/// <summary>
/// What an exported ONNX file carries besides the network, so that a deploying application needs nothing else: the
/// class names (metadata <c>vit_sharp.classes</c>) and the normalisation the model was trained with, written as the
/// graph's first nodes, so the file takes pixels in [0, 1]. The input's size and channels, the resize rule and the
/// pixel scale are always written (metadata <c>vit_sharp.preprocessing</c>).
/// </summary>
public sealed record OnnxPreprocessing
{
    /// <summary>Each class's name, in the order of the model's outputs; null leaves them out (readers then use the indices).</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>The normalisation applied to the model's input in training, done by the exported graph itself; null for none.</summary>
    public Normalize? Normalize { get; init; }

    /// <summary>
    /// The preprocessing of a model trained with <paramref name="transforms"/> (the trainer's <see cref="Training.TrainerOptions.Transforms"/>)
    /// on data with <paramref name="classNames"/> (<see cref="DataSplits.ClassNames"/>). Its random steps are augmentation and
    /// are left out; a channel conversion or a resize is what decoding a picture at the model's input does anyway; a
    /// <see cref="Data.Normalize"/> goes into the graph.
    /// </summary>
    /// <exception cref="ArgumentException">A deterministic step cannot be carried in the file (a transform of your own, or two normalisations).</exception>
    public static OnnxPreprocessing From(TransformPipeline? transforms, IReadOnlyList<string>? classNames)
    {
        var steps = transforms?.ForEvaluation().Steps ?? [];
        var normalizations = steps.OfType<Data.Normalize>().ToList();
        if (normalizations.Count > 1)
            throw new ArgumentException($"the transforms normalise {normalizations.Count} times ({string.Join("; ", normalizations)}); an ONNX file carries one normalisation. Combine them into one Normalize.", nameof(transforms));
        if (steps.FirstOrDefault(step => step is not (Data.Normalize or ConvertChannels or Resize)) is { } other)
            throw new ArgumentException($"{other.GetType().Name} cannot be carried in an ONNX file: it holds a channel conversion, a resize and a Normalize. Apply {other.GetType().Name} before the images reach the classifier, or export without these transforms.", nameof(transforms));
        return new OnnxPreprocessing { ClassNames = classNames, Normalize = normalizations.SingleOrDefault() };
    }
}
