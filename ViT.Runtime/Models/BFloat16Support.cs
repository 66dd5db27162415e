using System.Runtime.Intrinsics.X86;
using TorchSharp;

namespace ViT;

/// <summary>
/// Whether a device multiplies bfloat16 natively. libtorch runs bfloat16 products on a CPU through oneDNN only where the
/// CPU has AVX512_BF16 or AMX-BF16; elsewhere it converts every element in a plain loop, and the timm configuration's
/// training step measured 15 times slower than in float32 (98 against 1,471 images/s on a 2-core AMD EPYC with AVX2),
/// where a CPU with AVX512_BF16 runs it twice as fast.
/// </summary>
public static class BFloat16Support
{
    /// <summary>True where this process's CPU has AVX512_BF16 or AMX-BF16 (read from CPUID; false on other architectures).</summary>
    public static bool Cpu { get; } = DetectCpu();

    /// <summary>True for CUDA devices and for a CPU with bfloat16 instructions.</summary>
    public static bool IsNative(torch.Device device) => device.type == DeviceType.CUDA || device.type == DeviceType.CPU && Cpu;

    /// <summary>
    /// The precision to compute in on <paramref name="device"/> when the model declares <paramref name="declared"/>:
    /// float32 in place of bfloat16 where the device does not multiply bfloat16 natively, else what was declared.
    /// </summary>
    public static Precision Choose(Precision declared, torch.Device device) =>
        declared == Precision.BFloat16 && !IsNative(device) ? Precision.Float32 : declared;

    static bool DetectCpu()
    {
        if (!X86Base.IsSupported || X86Base.CpuId(0, 0).Eax < 7) return false;
        const int Avx512Bf16 = 1 << 5, AmxBf16 = 1 << 22;
        return (X86Base.CpuId(7, 1).Eax & Avx512Bf16) != 0 || (X86Base.CpuId(7, 0).Edx & AmxBf16) != 0;
    }
}
