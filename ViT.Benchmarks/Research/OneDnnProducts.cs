using System.Runtime.InteropServices;

namespace ViT.Benchmarks.Research;

/// <summary>
/// RESEARCH ONLY, not for the product as written. Sends float32 matrix products (Linear, matmul, bmm, forward and
/// backward) to oneDNN instead of MKL. libtorch does that when oneDNN's float32 matmul precision is "bf16" (PyTorch's
/// <c>torch.backends.mkldnn.matmul.fp32_precision = "bf16"</c>, also set by <c>set_float32_matmul_precision("medium")</c>),
/// which lets oneDNN use bfloat16 arithmetic where it has a kernel for it. On this CPU (AMD Zen 5: AVX-512 and
/// avx512_bf16, no AMX) it has none and runs its float32 AVX-512 kernel (<c>ONEDNN_VERBOSE=1</c> prints
/// <c>brg_matmul:avx512_core ... attr-fpmath:bf16</c>): float32 arithmetic, 2.2 times MKL's rate, because the MKL
/// inside libtorch takes its AVX2 path on AMD processors. On a CPU with AMX it would compute in bfloat16.
/// TorchSharp 0.107 declares <c>set_float32_matmul_precision</c> but marks it "not implemented", so this calls
/// libtorch's exported C++ method <c>at::Context::setFloat32Precision(Float32Backend, Float32Op, Float32Precision)</c>
/// by its mangled name, with libtorch 2.10's enum values: Linux x64 only, and it breaks with another libtorch ABI.
/// </summary>
public static class OneDnnProducts
{
    const int MkldnnBackend = 2, MatmulOp = 3, Ieee = 1, Bf16 = 3;

    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at13globalContextEv")]
    private static extern IntPtr GlobalContext();

    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at7Context19setFloat32PrecisionENS_14Float32BackendENS_9Float32OpENS_16Float32PrecisionE")]
    private static extern void SetFloat32Precision(IntPtr context, int backend, int op, int precision);

    [DllImport("libtorch_cpu", EntryPoint = "_ZNK2at7Context16float32PrecisionENS_14Float32BackendENS_9Float32OpE")]
    private static extern int Float32Precision(IntPtr context, int backend, int op);

    /// <summary>Whether this libtorch exports the methods (Linux x64 libtorch 2.10).</summary>
    public static bool Available { get; } = Probe();

    /// <summary>Sends float32 products to oneDNN until the result is disposed.</summary>
    /// <exception cref="PlatformNotSupportedException">This libtorch does not export the methods.</exception>
    public static IDisposable Enable()
    {
        if (!Available) throw new PlatformNotSupportedException("libtorch_cpu does not export at::Context::setFloat32Precision here (Linux x64 libtorch 2.10 does).");
        var context = GlobalContext();
        int before = Float32Precision(context, MkldnnBackend, MatmulOp);
        SetFloat32Precision(context, MkldnnBackend, MatmulOp, Bf16);
        return new Restore(() => SetFloat32Precision(context, MkldnnBackend, MatmulOp, before == 0 ? Ieee : before));
    }

    static bool Probe()
    {
        try
        {
            return OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64 && GlobalContext() != IntPtr.Zero
                && Float32Precision(GlobalContext(), MkldnnBackend, MatmulOp) >= 0;
        }
        catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
