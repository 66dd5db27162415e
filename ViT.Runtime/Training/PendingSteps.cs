using TorchSharp;
using ViT.Training.Callbacks;
using ViT.Training.Metrics;
using static TorchSharp.torch;

namespace ViT.Training;

/// <summary>
/// The metric sums of the training steps since the last read, kept on the device they were computed on. Reading a
/// number from a GPU waits for every queued kernel, so the trainer reads them together, in one transfer, once per
/// logging interval, when a checkpoint needs the epoch's sums, and when a callback asks; they come back in step order,
/// so the epoch's sums are added in the same order as reading every step would.
/// </summary>
internal sealed class PendingSteps(MetricSet metrics) : IDisposable
{
    readonly List<(StepResult Result, Tensor Sums)> _steps = [];

    /// <summary>Keeps the step's sums (<see cref="MetricSet.Update"/>) beyond the step's dispose scope.</summary>
    public void Add(StepResult result, Tensor sums) => _steps.Add((result, sums.detach().DetachFromDisposeScope()));

    /// <summary>The pending steps with their sums, in step order; none remain pending.</summary>
    public IReadOnlyList<(StepResult Result, MetricSums Sums)> Read()
    {
        if (_steps.Count == 0) return [];
        using var scope = torch.NewDisposeScope();
        var rows = torch.stack(_steps.Select(s => s.Sums)).cpu();
        double[] values = rows.data<double>().ToArray();
        int width = (int)rows.shape[1];
        var read = _steps.Select((s, i) => (s.Result, metrics.Split(values.AsSpan(i * width, width)))).ToArray();
        Dispose();
        return read;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var (_, sums) in _steps) sums.Dispose();
        _steps.Clear();
    }
}
