namespace ViT.Data;

/// <summary>A data set's training and test splits, its class names, and the conversion of its images to a model's input.</summary>
public sealed class DataSplits : IDisposable
{
    readonly IDisposable[] _owned;

    /// <summary>Wraps the splits; <paramref name="owned"/> is disposed with this object.</summary>
    public DataSplits(string format, IImageSource train, IImageSource test, IReadOnlyList<string> classNames, TransformPipeline toModel, params IDisposable[] owned)
    {
        Format = format;
        Train = train;
        Test = test;
        ClassNames = classNames;
        ToModel = toModel;
        _owned = owned;
    }

    /// <summary>What was found, for example <c>MNIST-style IDX</c> or <c>image folder</c>.</summary>
    public string Format { get; }

    /// <summary>The training split.</summary>
    public IImageSource Train { get; }

    /// <summary>The test split (the tutorial validates on it too).</summary>
    public IImageSource Test { get; }

    /// <summary>Each label's name (its index is the label), or the numbers when the data names none.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The deterministic steps that convert the images to the model's input (empty when they already match).</summary>
    public TransformPipeline ToModel { get; }

    /// <summary>Disposes the tensors the splits hold.</summary>
    public void Dispose()
    {
        foreach (var owned in _owned) owned.Dispose();
    }
}
