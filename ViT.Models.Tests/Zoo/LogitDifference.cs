namespace ViT.Models.Tests.Zoo;

/// <summary>How far our logits are from the reference's: max |ours - reference|, and that over max |reference|.</summary>
public readonly record struct LogitDifference(double Absolute, double Relative)
{
    /// <inheritdoc/>
    public override string ToString() => $"max abs {Absolute:E2}, max rel {Relative:E2}";
}
