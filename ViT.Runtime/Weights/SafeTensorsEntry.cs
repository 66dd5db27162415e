namespace ViT.Weights;

/// <summary>One tensor of a safetensors file, decoded to float32 in row-major order.</summary>
/// <param name="Name">The tensor's key, for example <c>blocks.0.attn.qkv.weight</c>.</param>
/// <param name="DType">The stored type: F32, F16 or BF16.</param>
/// <param name="Shape">The tensor's shape.</param>
/// <param name="Values">The values, widened to float32.</param>
public sealed record SafeTensorsEntry(string Name, string DType, long[] Shape, float[] Values);
