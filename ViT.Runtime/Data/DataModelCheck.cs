using static TorchSharp.torch;

namespace ViT.Data;

/// <summary>
/// The run-time half of "the model and the data agree" (VIT0018 is the compile-time half): before the first step,
/// the images a loader yields must have the model's input shape and every label must be one of its classes.
/// </summary>
public static class DataModelCheck
{
    /// <summary>Throws a <see cref="DataMismatchException"/> naming both sides and the fix when <paramref name="data"/> does not fit <paramref name="model"/>.</summary>
    public static void Require(nn.Module<Tensor, Tensor> model, BatchLoader data)
    {
        var source = data.Source;
        if (source.Count == 0)
            throw new DataMismatchException($"{source.Description} holds no images; a model needs at least one to train or be evaluated on.");
        int classes = LabelCount(source);
        if (model is not IGeneratedModel generated) return; // only generated models state their shapes

        var summary = generated.Summary;
        var input = ImageShape.Of(summary.InputShape);
        if (data.ImageShape != input)
        {
            throw new DataMismatchException(
                $"{source.Description} gives images {data.ImageShape} but {summary.ModelName} takes {input}. " +
                $"Convert the data to the model's input with TrainerOptions.Transforms = TransformPipeline.Convert(new ImageShape({Arguments(data.ImageShape)}), new ImageShape({Arguments(input)})) " +
                $"(the sample does this itself), or declare [Input({Arguments(data.ImageShape)})] on the model.");
        }

        if (summary.OutputShape.Count == 1 && classes > summary.OutputShape[0])
        {
            long predicted = summary.OutputShape[0];
            throw new DataMismatchException(
                $"{source.Description} has labels up to {classes - 1} but {summary.ModelName} predicts {predicted} classes (0 to {predicted - 1}). " +
                $"Give the model {classes} outputs ({LastLayer(summary, classes)}), or use data whose labels are below {predicted}.");
        }
    }

    /// <summary>How the model's last layer would give <paramref name="classes"/> outputs: a head stays a head, anything else ends in a Linear.</summary>
    static string LastLayer(ModelSummary summary, int classes)
    {
        var last = summary.Rows.LastOrDefault(row => row.Depth == 0);
        return last is { Layer: var name } && name.StartsWith("head", StringComparison.Ordinal)
            ? $"[ClassifierHead({classes})] instead of its head ({last.Type})"
            : $"[Linear({classes})] as its last layer{(last is null ? "" : $", after {last.Layer} ({last.Type})")}";
    }

    /// <summary>
    /// One more than the largest label, read from every label rather than taken from the source's
    /// <see cref="IImageSource.ClassCount"/>: each is checked to be an int64 class index (<see cref="SourceContract"/>).
    /// </summary>
    static int LabelCount(IImageSource source)
    {
        const int chunk = 1 << 16;
        long largest = -1;
        using var scope = NewDisposeScope();
        for (int start = 0; start < source.Count; start += chunk)
        {
            long[] indices = Enumerable.Range(start, Math.Min(chunk, source.Count - start)).Select(i => (long)i).ToArray();
            largest = Math.Max(largest, SourceContract.Labels(source, indices).max().item<long>());
        }
        return largest < int.MaxValue ? (int)largest + 1 : throw new DataSourceException($"{source.Description} has the label {largest}; labels are class indices, far below that.");
    }

    static string Arguments(ImageShape shape) => $"{shape.Channels}, {shape.Height}, {shape.Width}";
}
