using static TorchSharp.torch;

namespace ViT.Training.Callbacks;

/// <summary>
/// Reports the model before training, as Lightning's <c>ModelSummary</c> callback: a generated model's compile-time
/// table (layers, shapes, parameters), any other module's parameter total, and the trainable and frozen counts when
/// some parameters are frozen. A default callback of <see cref="Trainer"/>;
/// <see cref="TrainerOptions.EnableModelSummary"/> false leaves it out.
/// </summary>
public sealed class ModelSummaryPrinter : TrainerCallback
{
    /// <inheritdoc/>
    public override void OnFitStart(TrainingContext context) => context.Report(Describe(context.Model));

    /// <summary>The text reported for <paramref name="model"/>.</summary>
    public static string Describe(nn.Module<Tensor, Tensor> model)
    {
        var counts = ParameterCounts.Of(model);
        string described = model is IGeneratedModel generated
            ? (generated.Summary with { Precision = generated.Precision }).ToString() // as this instance computes, which may differ from its [Precision]
            : $"{model.GetName()}: {counts.Trainable + counts.Frozen:N0} parameters";
        return counts.Frozen > 0 ? described + Environment.NewLine + counts : described;
    }
}
