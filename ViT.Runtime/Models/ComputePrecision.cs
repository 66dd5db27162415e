namespace ViT;

/// <summary>
/// The precision one generated model computes in, shared by the model and its nested modules, so that setting
/// <see cref="IGeneratedModel.Precision"/> reaches every product at once.
/// </summary>
public sealed class ComputePrecision
{
    /// <summary>Starts at <paramref name="precision"/>, the model's <c>[Precision]</c> or float32.</summary>
    public ComputePrecision(Precision precision) => Value = precision;

    /// <summary>The precision products run in now.</summary>
    public Precision Value { get; set; }
}
