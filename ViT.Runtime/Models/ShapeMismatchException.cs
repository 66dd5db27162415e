namespace ViT;

/// <summary>Thrown by a generated model's forward when the input tensor does not have the declared shape.</summary>
public sealed class ShapeMismatchException : Exception
{
    /// <summary>Creates the exception with a message naming the model and both shapes.</summary>
    /// <param name="modelName">The model class, for example <c>TutorialViT</c>.</param>
    /// <param name="expected">The expected shape with the batch as <c>B</c>, for example <c>[B, 1, 28, 28]</c>.</param>
    /// <param name="actual">The shape that arrived.</param>
    public ShapeMismatchException(string modelName, string expected, IReadOnlyList<long> actual)
        : base($"{modelName} expects input of shape {expected} but got [{string.Join(", ", actual)}].")
    {
        ModelName = modelName;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The model that refused the input.</summary>
    public string ModelName { get; }

    /// <summary>The declared input shape, batch first as <c>B</c>.</summary>
    public string Expected { get; }

    /// <summary>The shape that arrived.</summary>
    public IReadOnlyList<long> Actual { get; }
}
