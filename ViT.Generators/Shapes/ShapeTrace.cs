using System.Linq;
using ViT.Generators.Helpers;
using ViT.Generators.Shared;

namespace ViT.Generators.Shapes;

/// <summary>The result of <see cref="ShapeInference.Infer(Specs.ModelSpec)"/>: every step of the model (or of one use of a block) and every broken constraint.</summary>
public sealed record ShapeTrace(
    Shape InputShape,
    Shape OutputShape,
    EquatableArray<LayerStep> Steps,
    EquatableArray<ShapeViolation> Violations)
{
    /// <summary>The class the trace is of, as messages and summaries name it: <c>Bottleneck</c>.</summary>
    public string ModelName { get; init; } = "";

    /// <summary>Its metadata name (<see cref="Specs.ModelSpec.FullName"/>).</summary>
    public string FullName { get; init; } = "";

    /// <summary>The class's initialisation scheme, which its layers' initialisation follows.</summary>
    public Initialization Initialization { get; init; }

    /// <summary>Whether the class is a <c>[Block]</c> (its input is what arrives where it is used).</summary>
    public bool IsBlock { get; init; }

    /// <summary>Uses of other classes as layers inside, counted all the way down.</summary>
    public int Uses { get; init; }

    /// <summary>How many levels of used classes lie below this one (0 when it uses none).</summary>
    public int Depth { get; init; }

    /// <summary>True when no error is reported (warnings allowed), so code can be generated.</summary>
    public bool IsValid => Violations.All(v => v.IsWarning);

    /// <summary>Whether a step combines with the class's input (<c>[AddInput]</c> and its kin), so the forward keeps it.</summary>
    public bool UsesInput => Steps.Any(s => s.Layer.UsesInput);

    /// <summary>The rows of the summary, composed models' inner layers included.</summary>
    public EquatableArray<SummaryRow> Rows => Steps.SelectMany(s => s.Rows).ToEquatableArray();

    public long TotalParameters => Sizes.Sum(Steps.Select(s => s.Parameters));

    /// <summary>Forward FLOPs for one sample (matrix products and convolutions; a multiply-add is 2).</summary>
    public long ForwardFlops => Sizes.Sum(Steps.Select(s => s.Flops));

    /// <summary>Elements of the forward's intermediate tensors for one sample, the input included.</summary>
    public long ActivationElements => Sizes.Add(InputShape.Elements, Sizes.Sum(Steps.Select(s => s.Activations)));
}
