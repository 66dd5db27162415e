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
                $"Convert the data with TransformPipeline.Convert({Arguments(data.ImageShape)}, {Arguments(input)}) (the sample does this itself), " +
                $"or declare [Input({Arguments(data.ImageShape)})] on the model.");
        }

        if (summary.OutputShape.Count == 1 && source.ClassCount > summary.OutputShape[0])
        {
            long classes = summary.OutputShape[0];
            throw new DataMismatchException(
                $"{source.Description} has labels up to {source.ClassCount - 1} but {summary.ModelName} predicts {classes} classes (0 to {classes - 1}). " +
                $"Give the model a head of {source.ClassCount} classes ([ClassifierHead({source.ClassCount})]), or use data whose labels are below {classes}.");
        }
    }

    static string Arguments(ImageShape shape) => $"{shape.Channels}, {shape.Height}, {shape.Width}";
}
