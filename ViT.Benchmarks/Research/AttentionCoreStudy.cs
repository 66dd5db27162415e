using System.Globalization;
using TorchSharp;
using ViT.Benchmarks.Models;
using ViT.Benchmarks.Throughput;
using ViT.Benchmarks.Timing;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Research;

/// <summary>
/// RESEARCH BASELINE, not the product. The attention core alone, <c>softmax(q kᵀ / sqrt(E)) v</c> forward and
/// backward on <c>[B, h, L, E]</c>, explicit products against <c>scaled_dot_product_attention</c>, per attention kind
/// and size: split has L = N tokens and E = D/h, wide L = N and E = D, the tutorial's listing L = D and E = N.
/// </summary>
public static class AttentionCoreStudy
{
    /// <summary>A model size: batch, tokens, width.</summary>
    public sealed record Size(string Label, int Batch, int Tokens, int Dim);

    /// <summary>The MNIST samples' size, a CIFAR-like ViT (32x32, patch 4) and a ViT-S/16-like one on 224x224 images.</summary>
    public static IReadOnlyList<Size> Sizes { get; } =
    [
        new("MNIST samples: B 64, N 17, D 100", 64, 17, 100),
        new("CIFAR-like: B 64, N 65, D 192", 64, 65, 192),
        new("ViT-S/16-like: B 16, N 197, D 384", 16, 197, 384),
    ];

    /// <summary>Times both formulations for each kind and size; writes one table.</summary>
    public static void Run(BenchPrecision precision, int steps, TimingClock clock, TextWriter output, TextWriter log)
    {
        var type = precision == BenchPrecision.Bf16 ? ScalarType.BFloat16 : ScalarType.Float32;
        int rounds = Math.Max(1, (steps + ThroughputCommand.CallsPerTurn - 1) / ThroughputCommand.CallsPerTurn);
        output.WriteLine();
        output.WriteLine($"#### Attention core, explicit against sdpa ({precision.ToString().ToLowerInvariant()}, forward + backward)");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rounds} rounds of {ThroughputCommand.CallsPerTurn} calls, {torch.get_num_threads()} threads, {clock.ToString().ToLowerInvariant()} clock; {MachineLoad.Describe()} at the start."));
        output.WriteLine();
        output.WriteLine("| size | kind | [B, h, L, E] | explicit ms | sdpa ms | sdpa speedup |");
        output.WriteLine("| --- | --- | --- | ---: | ---: | ---: |");
        foreach (var size in Sizes)
        {
            foreach (var (kind, heads, length, width) in Shapes(size))
            {
                using var scope = torch.NewDisposeScope();
                var q = torch.randn(size.Batch, heads, length, width).to(type).requires_grad_();
                var k = torch.randn(size.Batch, heads, length, width).to(type).requires_grad_();
                var v = torch.randn(size.Batch, heads, length, width).to(type).requires_grad_();
                double scale = 1 / Math.Sqrt(width);
                var explicitForm = () =>
                {
                    using var step = torch.NewDisposeScope();
                    var attended = Autocast.Softmax(q.matmul(k.transpose(-2, -1)) * scale).to(type).matmul(v);
                    attended.sum().backward();
                };
                var sdpaForm = () =>
                {
                    using var step = torch.NewDisposeScope();
                    nn.functional.scaled_dot_product_attention(q, k, v).sum().backward();
                };
                var samples = AlternatingTimer.Run([explicitForm, sdpaForm], rounds, ThroughputCommand.CallsPerTurn).Select(timed => timed.On(clock)).ToArray();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {size.Label} | {kind} | [{size.Batch}, {heads}, {length}, {width}] | {Statistics.Median(samples[0]):F2} | {Statistics.Median(samples[1]):F2} | {Statistics.MedianRatio(samples[0], samples[1]):F2} |"));
                output.Flush();
            }
        }

        log.WriteLine("attention core: done");
    }

    /// <summary>The three kinds' <c>(h, L, E)</c> at a size: split with 64-wide heads (2 heads at D 100), wide and listing with 3 heads.</summary>
    static IEnumerable<(string Kind, int Heads, int Length, int Width)> Shapes(Size size)
    {
        int splitHeads = Math.Max(2, size.Dim / 64);
        yield return ("split", splitHeads, size.Tokens, size.Dim / splitHeads);
        yield return ("wide", 3, size.Tokens, size.Dim);
        yield return ("listing", 3, size.Dim, size.Tokens);
    }
}
