
namespace ViT.Benchmarks.Cases;

/// <summary>How <see cref="ModuleCase"/> runs a training step: the plain step, or one of the research studies' variations.</summary>
/// <param name="FlatOptimizer">Parameters and gradients as views of one buffer each (the trainer's <c>ViT.Training.FlatParameters</c>),
/// Adam over that one tensor, zero_grad one fill; otherwise TorchSharp's Adam over every parameter tensor.</param>
/// <param name="Sync">What the step reads back to the host.</param>
/// <param name="DisposeScope">One <c>torch.NewDisposeScope()</c> per step (otherwise the garbage collector frees tensors).</param>
/// <param name="ChannelsLast">The model's convolution weights and the images stored channels-last (<see cref="Cases.ChannelsLast"/>).</param>
public sealed record StepOptions(bool FlatOptimizer = false, HostSync Sync = HostSync.None, bool DisposeScope = true, bool ChannelsLast = false)
{
    /// <summary>The plain step: TorchSharp's Adam over every parameter, no host reads, a dispose scope.</summary>
    public static StepOptions Plain { get; } = new();

    /// <summary>The step ViT#'s <c>Trainer</c> takes with its default optimizer: Adam over one flat buffer.</summary>
    public static StepOptions Trainer { get; } = new(FlatOptimizer: true);
}

/// <summary>What a training step reads back to the host.</summary>
public enum HostSync
{
    /// <summary>Nothing.</summary>
    None,

    /// <summary>What the trainer does now: <c>loss.item()</c> and the correct count's <c>item()</c> every step.</summary>
    EveryStep,

    /// <summary>Loss sum and correct count accumulated in tensors, read once per 50 steps (a logging interval).</summary>
    OnDevice,
}
