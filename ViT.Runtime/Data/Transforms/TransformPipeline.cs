using static TorchSharp.torch;

namespace ViT.Data;

/// <summary>Transforms applied one after the other; <see cref="ForEvaluation"/> keeps only the deterministic ones.</summary>
public sealed class TransformPipeline : IImageTransform
{
    /// <summary>Applies <paramref name="steps"/> in order.</summary>
    public TransformPipeline(params IImageTransform[] steps) => Steps = steps.ToArray();

    /// <summary>The steps, in order.</summary>
    public IReadOnlyList<IImageTransform> Steps { get; }

    /// <inheritdoc/>
    public bool IsRandom => Steps.Any(step => step.IsRandom);

    /// <summary>The steps to use on validation and test data: every deterministic one (conversion, resize, normalisation), no augmentation.</summary>
    public TransformPipeline ForEvaluation() => new(Steps.Where(step => !step.IsRandom).ToArray());

    /// <summary>A pipeline with <paramref name="step"/> added at the end.</summary>
    public TransformPipeline Then(IImageTransform step) => new([.. Steps, step]);

    /// <inheritdoc/>
    public ImageShape OutputShape(ImageShape input) => Steps.Aggregate(input, (shape, step) => step.OutputShape(shape));

    /// <inheritdoc/>
    public Tensor Apply(Tensor images, TransformContext context) =>
        Steps.Aggregate(images, (batch, step) => step.Apply(batch, context));

    /// <summary>
    /// The deterministic steps that turn images of <paramref name="from"/> into <paramref name="to"/>: a channel
    /// conversion and a resize where they differ; none when they agree.
    /// </summary>
    public static TransformPipeline Convert(ImageShape from, ImageShape to)
    {
        var steps = new List<IImageTransform>();
        if (from.Channels != to.Channels) steps.Add(new ConvertChannels(to.Channels));
        if (from.Height != to.Height || from.Width != to.Width) steps.Add(new Resize(to.Height, to.Width));
        return new TransformPipeline(steps.ToArray());
    }
}
