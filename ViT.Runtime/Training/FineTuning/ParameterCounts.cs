namespace ViT.Training;

/// <summary>A model's parameters (elements) split into those that train and those that are frozen, as Keras' summary counts them.</summary>
/// <param name="Trainable">Elements of the parameters with <c>requires_grad</c>.</param>
/// <param name="Frozen">Elements of the others.</param>
public sealed record ParameterCounts(long Trainable, long Frozen)
{
    /// <summary>The counts of <paramref name="model"/> now.</summary>
    public static ParameterCounts Of(TorchSharp.torch.nn.Module model)
    {
        long trainable = 0, frozen = 0;
        foreach (var parameter in model.parameters())
        {
            if (parameter.requires_grad) trainable += parameter.numel();
            else frozen += parameter.numel();
        }

        return new ParameterCounts(trainable, frozen);
    }

    /// <summary><c>Trainable parameters: 1,010; frozen: 370,900</c>.</summary>
    public override string ToString() => $"Trainable parameters: {Trainable:N0}; frozen: {Frozen:N0}";
}
