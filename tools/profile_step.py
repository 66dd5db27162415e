#!/usr/bin/env python3
"""Where a training step's time goes, by kind of work: samples of `perf record` grouped by the symbol they fell in.

Usage (from the repository root, after `dotnet build -c Release ViT.Benchmarks`):

    tools/profile_step.py MODEL PRECISION [STEPS]

runs `ViT.Benchmarks memory --model MODEL --precision PRECISION --steps STEPS --threads 1` (the generated model
training on one fixed batch) under `perf record` and prints one line per kind. A symbol counts once, by the first
rule that matches it, so the kinds add up to 100%. Startup (a few hundred milliseconds of JIT and loading) is in
the run; with 400 steps or more it is a few per cent, which the 'runtime' line shows.
Kernels that both the model and Adam use (add, mul, copy) count as elementwise; Adam's own (addcdiv, addcmul, sqrt,
lerp) as the optimizer.
"""
import re
import subprocess
import sys
import tempfile

KINDS = [
    # oneDNN (and MKL for some shapes) generate their kernels at run time, into anonymous executable memory that perf
    # files under [JIT] without a name; .NET's own compiled methods are named there through the perf map.
    ("matrix products (MKL sgemm, oneDNN)", r"^\[JIT\] tid \d+\s+0x|mkl_blas|sgemm|gemm|brgemm|brg_|dnnl|jit_avx|bf16_gemm|mkldnn|_matmul|addmm_impl"),
    ("convolution (im2col, unfold)", r"im2col|col2im|unfolded2d|slow_conv|convolution"),
    ("normalisation (LayerNorm, BatchNorm)", r"LayerNorm|layer_norm|RowwiseMoments|batch_norm|BatchNorm"),
    ("softmax", r"softmax"),
    ("optimizer (Adam's own kernels)", r"addcdiv|addcmul|sSqrt|sqrt_kernel|lerp|_foreach|adam"),
    ("activations (GELU, ReLU)", r"gelu|GeluKernel|relu|threshold|clamp"),
    ("elementwise, copies, reductions", r"VectorizedLoop2d|vectorized_loop|basic_loop|cascade_sum|reduce|copy_kernel|copy_impl|fill_kernel|memmove|memcpy|memset|index|cat_|transpose|DimCounter|serial_for_each|TensorIterator|cast|convert"),
    ("memory (malloc, page faults)", r"malloc|_int_free|cfree|free@|unlink_chunk|page|mm_|memcg|clear_page|alloc|munmap|mmap|\bbrk\b|madvise"),
    ("framework (dispatcher, autograd, TorchSharp)", r"c10::|at::_ops|torch::autograd|at::|THSTensor|THSNN|TorchSharp|LibTorchSharp|tls_get_addr|std::"),
    ("runtime (.NET, JIT compiler)", r"^\[JIT\]|coreclr|clrjit|System\.|Microsoft\.|doublemapper"),
]


def main() -> None:
    model, precision = sys.argv[1], sys.argv[2]
    steps = sys.argv[3] if len(sys.argv) > 3 else "400"
    with tempfile.NamedTemporaryFile(suffix=".data") as data:
        subprocess.run(["perf", "record", "-F", "499", "-q", "-o", data.name, "--", "dotnet",
                        "ViT.Benchmarks/bin/Release/net10.0/ViT.Benchmarks.dll", "memory", "--model", model,
                        "--precision", precision, "--steps", steps, "--threads", "1"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={"DOTNET_PerfMapEnabled": "1", **__import__("os").environ})
        report = subprocess.run(["perf", "report", "-i", data.name, "--sort", "dso,symbol", "--stdio"],
                                check=True, capture_output=True, text=True).stdout
    totals = {name: 0.0 for name, _ in KINDS}
    other = 0.0
    for line in report.splitlines():
        match = re.match(r"\s*([\d.]+)%\s+(\S.*?)\s+\[[.k]\]\s+(.*)$", line)
        if not match:
            continue
        share, dso, symbol = float(match.group(1)), match.group(2), match.group(3)
        text = f"{dso} {symbol}"
        if "[kernel" in dso:
            text = "page " + text  # the kernel's work for this process is memory management
        for name, pattern in KINDS:
            if re.search(pattern, text):
                totals[name] += share
                break
        else:
            other += share
    print(f"{model} {precision}, {steps} steps, 1 thread:")
    for name, _ in KINDS:
        print(f"  {totals[name]:5.1f}%  {name}")
    print(f"  {other:5.1f}%  other")


if __name__ == "__main__":
    main()
