namespace ViT.Data;

/// <summary>The contents of an IDX file: its dimensions and its unsigned-byte elements in row-major order.</summary>
public sealed record IdxData(IReadOnlyList<int> Dimensions, ReadOnlyMemory<byte> Elements)
{
    /// <summary>The first dimension: the number of images or labels.</summary>
    public int Count => Dimensions[0];
}
