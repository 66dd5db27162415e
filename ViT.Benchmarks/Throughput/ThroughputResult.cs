using System.Globalization;

namespace ViT.Benchmarks.Throughput;

/// <summary>One model in one precision, measured side by side; <see cref="ToString"/> is the command's parseable line.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Precision"><c>fp32</c> or <c>bf16</c>.</param>
/// <param name="Parameters">Trainable parameters.</param>
/// <param name="Batch">Images per batch.</param>
/// <param name="MemoryFormat"><c>contiguous</c> or <c>channels-last</c>: how both forms stored convolution weights and images.</param>
/// <param name="TrainMs">The generated model's median training step.</param>
/// <param name="HandTrainMs">The hand-written float32 model's median training step.</param>
/// <param name="Speedup">The median of the per-round ratios hand / generated training step.</param>
/// <param name="InferMs">The generated model's median inference batch.</param>
/// <param name="HandInferMs">The hand-written model's median inference batch.</param>
/// <param name="FloorMs">Training step FLOPs (forward x3) at the machine's measured matrix-product rate.</param>
/// <param name="PeakRssMb">The process's peak resident set while this model's forms trained and inferred (the allocator
/// keeps freed activations, so the resident set grows over the first hundred or so steps; a few steps would understate it).</param>
public sealed record ThroughputResult(string Model, string Precision, long Parameters, int Batch, string MemoryFormat, double TrainMs, double HandTrainMs, double Speedup,
    double InferMs, double HandInferMs, double FloorMs, double PeakRssMb)
{
    /// <summary>Floor over the generated model's step (1 would be every FLOP at the matrix units' rate).</summary>
    public double Efficiency => FloorMs / TrainMs;

    /// <summary>
    /// <c>model=... precision=... params=... train_ms=... hand_train_ms=... speedup=... infer_ms=... hand_infer_ms=...
    /// floor_ms=... efficiency=... peak_rss_mb=... batch=... memory_format=...</c>.
    /// </summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"model={Model} precision={Precision} params={Parameters} train_ms={F(TrainMs)} hand_train_ms={F(HandTrainMs)} speedup={F(Speedup)} " +
        $"infer_ms={F(InferMs)} hand_infer_ms={F(HandInferMs)} floor_ms={F(FloorMs)} efficiency={F(Efficiency)} peak_rss_mb={PeakRssMb:F0} batch={Batch} memory_format={MemoryFormat}");

    static string F(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
