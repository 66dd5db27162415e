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

        if (summary.OutputShape.Count == 1 && source.ClassCount > summary.OutputShape[0])
        {
            long classes = summary.OutputShape[0];
            throw new DataMismatchException(
                $"{source.Description} has labels up to {source.ClassCount - 1} but {summary.ModelName} predicts {classes} classes (0 to {classes - 1}). " +
                $"Give the model {source.ClassCount} outputs ({LastLayer(summary, source.ClassCount)}), or use data whose labels are below {classes}.");
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

    static string Arguments(ImageShape shape) => $"{shape.Channels}, {shape.Height}, {shape.Width}";
}
