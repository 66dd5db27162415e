namespace ViT.Data;

/// <summary>
/// Data that a model cannot train on as given: images of another shape than its input, labels beyond its classes,
/// or no images at all. The message names both sides and the fix.
/// </summary>
public sealed class DataMismatchException : Exception
{
    /// <summary>Creates the exception with a message that names the data, the model and the fix.</summary>
    public DataMismatchException(string message) : base(message) { }
}
