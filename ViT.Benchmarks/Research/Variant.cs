using ViT.Benchmarks.Cases;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Research;

/// <summary>RESEARCH BASELINE, not the product. One way of running a model, timed in a <see cref="Study"/>.</summary>
/// <param name="Name">The table's row label.</param>
/// <param name="Notes">What the variant changes, for the table.</param>
/// <param name="Model">Builds the variant's model holding the study's reference weights (given the reference model).</param>
/// <param name="Step">How the training step runs.</param>
/// <param name="Tolerance">How far its logits may be from the reference's, relative to the largest logit.</param>
/// <param name="Around">Wraps each timed call (and the check), for a setting that is global, such as threads.</param>
public sealed record Variant(
    string Name,
    string Notes,
    Func<nn.Module<Tensor, Tensor>, nn.Module<Tensor, Tensor>> Model,
    StepOptions Step,
    double Tolerance = 1e-5,
    Func<Action, Action>? Around = null)
{
    /// <summary>Runs <paramref name="action"/> inside <see cref="Around"/>, if any.</summary>
    public Action Wrap(Action action) => Around is null ? action : Around(action);
}
