using static TorchSharp.torch;

namespace ViT.Training.Callbacks;

/// <summary>
/// Reports the model before training, as Lightning's <c>ModelSummary</c> callback: a generated model's compile-time
/// table (layers, shapes, parameters), any other module's parameter total. A default callback of <see cref="Trainer"/>;
/// <see cref="TrainerOptions.EnableModelSummary"/> false leaves it out.
/// </summary>
public sealed class ModelSummaryPrinter : TrainerCallback
{
    /// <inheritdoc/>
    public override void OnFitStart(TrainingContext context) => context.Report(Describe(context.Model));

    /// <summary>The text reported for <paramref name="model"/>.</summary>
    public static string Describe(nn.Module<Tensor, Tensor> model) =>
        model is IGeneratedModel generated
            ? generated.Summary.ToString()
            : $"{model.GetName()}: {model.parameters().Sum(p => p.numel()):N0} trainable parameters";
}
