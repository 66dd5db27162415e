namespace ViT.Generators;

/// <summary>Names of the generator's pipeline steps, for incrementality tests.</summary>
public static class TrackingNames
{
    /// <summary>The parsed <see cref="Parsing.ModelSpec"/> of each model class.</summary>
    public const string ModelSpec = nameof(ModelSpec);

    /// <summary>The spec with its <see cref="Shapes.ShapeTrace"/>.</summary>
    public const string ModelPlan = nameof(ModelPlan);
}
