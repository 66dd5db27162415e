namespace ViT.Weights;

/// <summary>A tensor whose shape in the file differs from the model's.</summary>
/// <param name="Name">The state-dict name.</param>
/// <param name="Expected">The model's shape (the new one, for a model with a new head).</param>
/// <param name="Found">The file's shape (the old one).</param>
public sealed record ShapeMismatch(string Name, long[] Expected, long[] Found)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Name}: the file's {Format(Found)} against the model's {Format(Expected)}";

    static string Format(long[] shape) => $"[{string.Join(", ", shape)}]";
}
