using static TorchSharp.torch;

namespace ViT.Weights;

/// <summary>One tensor of a safetensors file: its name, stored type, shape and raw little-endian bytes.</summary>
/// <param name="Name">The tensor's key, for example <c>blocks.0.attn.qkv.weight</c>.</param>
/// <param name="DType">The stored type: F64, F32, F16, BF16, I64, I32, I16, I8, U8 or BOOL.</param>
/// <param name="Shape">The tensor's shape (empty for a scalar such as <c>num_batches_tracked</c>).</param>
/// <param name="Data">The elements as the file stores them.</param>
public sealed record SafeTensorsEntry(string Name, string DType, long[] Shape, ReadOnlyMemory<byte> Data)
{
    /// <summary>The tensor in its stored type, on the CPU.</summary>
    public Tensor ToTensor() =>
        (SafeTensorsDType.Named(DType) ?? throw new NotSupportedException($"{Name}: unsupported dtype {DType}; ViT# reads {SafeTensorsDType.Names}."))
        .Decode(Data.Span, Shape);

    /// <summary>The values converted to float32 in row-major order (exact for F16, BF16 and small integers).</summary>
    public float[] Values
    {
        get
        {
            using var stored = ToTensor();
            using var single = stored.to_type(ScalarType.Float32);
            return single.data<float>().ToArray();
        }
    }
}
