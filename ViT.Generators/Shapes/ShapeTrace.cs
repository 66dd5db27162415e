using System.Linq;
using ViT.Generators.Helpers;

namespace ViT.Generators.Shapes;

/// <summary>The result of <see cref="ShapeInference.Infer"/>: every step of the model and every broken constraint.</summary>
public sealed record ShapeTrace(
    Shape InputShape,
    Shape OutputShape,
    EquatableArray<LayerStep> Steps,
    EquatableArray<ShapeViolation> Violations)
{
    /// <summary>True when no error is reported (warnings allowed), so code can be generated.</summary>
    public bool IsValid => Violations.All(v => v.IsWarning);

    /// <summary>The rows of the summary, composed models' inner layers included.</summary>
    public EquatableArray<SummaryRow> Rows => Steps.SelectMany(s => s.Rows).ToEquatableArray();

    public long TotalParameters => Sizes.Sum(Steps.Select(s => s.Parameters));

    /// <summary>Forward FLOPs for one sample (matrix products and convolutions; a multiply-add is 2).</summary>
    public long ForwardFlops => Sizes.Sum(Steps.Select(s => s.Flops));

    /// <summary>Elements of the forward's intermediate tensors for one sample, the input included.</summary>
    public long ActivationElements => Sizes.Add(InputShape.Elements, Sizes.Sum(Steps.Select(s => s.Activations)));
}
