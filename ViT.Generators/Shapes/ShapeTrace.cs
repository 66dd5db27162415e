using ViT.Generators.Helpers;

namespace ViT.Generators.Shapes;

/// <summary>The result of <see cref="ShapeInference.Infer"/>: the shape after every layer and every broken constraint.</summary>
public sealed record ShapeTrace(
    EquatableArray<long> InputShape,
    EquatableArray<long> OutputShape,
    EquatableArray<LayerShape> Layers,
    EquatableArray<ShapeViolation> Violations)
{
    /// <summary>True when no constraint is broken, so code can be generated.</summary>
    public bool IsValid => Violations.Count == 0;

    /// <summary>The sum of the rows' parameters.</summary>
    public long TotalParameters
    {
        get
        {
            long total = 0;
            foreach (var layer in Layers) total += layer.Parameters;
            return total;
        }
    }
}
