namespace ViT.Models.Tests.Zoo;

/// <summary>One entry of the reference's state dict: its name, safetensors dtype, shape, and whether it is a parameter (else a buffer).</summary>
public sealed record StateDictEntry(string Name, string DType, long[] Shape, bool IsParameter)
{
    /// <summary>Everything but the name: <c>F32 [64, 3, 7, 7] parameter</c>.</summary>
    public string Description => $"{DType} [{string.Join(", ", Shape)}] {(IsParameter ? "parameter" : "buffer")}";

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {Description}";
}
