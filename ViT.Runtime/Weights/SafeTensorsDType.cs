using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace ViT.Weights;

/// <summary>
/// One element type of the safetensors format and the TorchSharp type it holds: every type PyTorch writes into a state
/// dict (F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL). Decoding keeps the file's type; loading converts to the
/// module's afterwards, as <c>load_state_dict</c>'s <c>copy_</c> does.
/// </summary>
/// <param name="Name">The name in the header, such as <c>I64</c>.</param>
/// <param name="Type">The TorchSharp element type.</param>
/// <param name="Size">Bytes per element.</param>
internal sealed record SafeTensorsDType(string Name, ScalarType Type, int Size)
{
    /// <summary>The types ViT# reads and writes.</summary>
    public static readonly IReadOnlyList<SafeTensorsDType> All =
    [
        new("F64", ScalarType.Float64, 8), new("F32", ScalarType.Float32, 4), new("F16", ScalarType.Float16, 2), new("BF16", ScalarType.BFloat16, 2),
        new("I64", ScalarType.Int64, 8), new("I32", ScalarType.Int32, 4), new("I16", ScalarType.Int16, 2), new("I8", ScalarType.Int8, 1),
        new("U8", ScalarType.Byte, 1), new("BOOL", ScalarType.Bool, 1),
    ];

    /// <summary>The names, for messages.</summary>
    public static string Names => string.Join(", ", All.Select(type => type.Name));

    /// <summary>The type named <paramref name="name"/> in a header, or null.</summary>
    public static SafeTensorsDType? Named(string name) => All.FirstOrDefault(type => type.Name == name);

    /// <summary>The type that stores TorchSharp's <paramref name="type"/>, or null.</summary>
    public static SafeTensorsDType? Of(ScalarType type) => All.FirstOrDefault(entry => entry.Type == type);

    /// <summary>A tensor of this type and <paramref name="shape"/> from little-endian bytes.</summary>
    public Tensor Decode(ReadOnlySpan<byte> raw, long[] shape)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors data is little-endian; this machine is not.");
        return Type switch
        {
            ScalarType.Float64 => tensor(MemoryMarshal.Cast<byte, double>(raw).ToArray(), shape),
            ScalarType.Float32 => tensor(MemoryMarshal.Cast<byte, float>(raw).ToArray(), shape),
            ScalarType.Float16 => tensor(MemoryMarshal.Cast<byte, Half>(raw).ToArray(), shape),
            // BF16 is the high half of an F32: widened exactly, then narrowed back to the file's type.
            ScalarType.BFloat16 => WidenBFloat16(MemoryMarshal.Cast<byte, ushort>(raw), shape),
            ScalarType.Int64 => tensor(MemoryMarshal.Cast<byte, long>(raw).ToArray(), shape),
            ScalarType.Int32 => tensor(MemoryMarshal.Cast<byte, int>(raw).ToArray(), shape),
            ScalarType.Int16 => tensor(MemoryMarshal.Cast<byte, short>(raw).ToArray(), shape),
            ScalarType.Int8 => tensor(MemoryMarshal.Cast<byte, sbyte>(raw).ToArray(), shape),
            ScalarType.Byte => tensor(raw.ToArray(), shape),
            ScalarType.Bool => tensor(MemoryMarshal.Cast<byte, bool>(raw).ToArray(), shape),
            _ => throw new NotSupportedException($"no decoder for {Type}"),
        };
    }

    static Tensor WidenBFloat16(ReadOnlySpan<ushort> bits, long[] shape)
    {
        var values = new float[bits.Length];
        for (int i = 0; i < values.Length; i++) values[i] = BitConverter.Int32BitsToSingle(bits[i] << 16);
        using var wide = tensor(values, shape);
        return wide.to_type(ScalarType.BFloat16);
    }
}
