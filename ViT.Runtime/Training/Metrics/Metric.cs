using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Training.Metrics;

/// <summary>
/// A named value computed from a model's outputs, as Keras' and torchmetrics' metrics are. Each batch adds its counts to
/// the metric's sums on the device (<see cref="Update"/>, no host read); the trainer reads the sums of many batches at
/// once, once per logging interval, and <see cref="Compute"/> turns any sums (a batch's, an interval's, an epoch's) into
/// values. A metric named <c>acc</c> reaches the CSV, TensorBoard, the charts, the progress bar, checkpoints and callbacks
/// as <c>train_acc</c> and <c>val_acc</c> (<see cref="MetricNames"/>); adding one to <see cref="TrainerOptions.Metrics"/>
/// is all it takes.
/// </summary>
public abstract class Metric
{
    /// <summary>Names the metric; see <see cref="MetricNames.RequireValid"/>.</summary>
    protected Metric(string name)
    {
        MetricNames.RequireValid(name);
        Name = name;
    }

    /// <summary>The name without its <c>train_</c> or <c>val_</c> prefix: <c>acc</c>.</summary>
    public string Name { get; }

    /// <summary>How the progress bar and the charts show the metric's values.</summary>
    public virtual MetricFormat Format => MetricFormat.Number;

    /// <summary>
    /// The batch's contribution to the sums: a 1-D float64 tensor on the batch's device, of the same length for every
    /// batch of a run (counts, or sums of per-example values). Sums add up, so the values of many batches are those of
    /// their sums.
    /// </summary>
    public abstract Tensor Update(MetricBatch batch);

    /// <summary>
    /// The values from <paramref name="sums"/> (the sum of <see cref="Update"/>'s results over some batches): one named
    /// <see cref="Name"/>, or a family named <c>Name/element</c> (<see cref="MetricNames.Element"/>). NaN where nothing
    /// was counted.
    /// </summary>
    public abstract IEnumerable<KeyValuePair<string, double>> Compute(IReadOnlyList<double> sums);

    /// <summary>A float64 scalar filled on <paramref name="device"/> (no copy from the host, which would wait for a GPU).</summary>
    protected static Tensor Constant(double value, Device device) => torch.full(Array.Empty<long>(), value, ScalarType.Float64, device);

    /// <summary>The ratio of two sums, NaN when nothing was counted.</summary>
    protected static double Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : double.NaN;
}
