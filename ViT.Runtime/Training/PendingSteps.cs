using TorchSharp;
using ViT.Training.Callbacks;
using static TorchSharp.torch;

namespace ViT.Training;

/// <summary>
/// The losses and correct counts of the training steps since the last read, kept on the device they were computed on.
/// Reading a number from a GPU waits for every queued kernel, so the trainer reads them together, in one transfer,
/// once per logging interval, when a checkpoint needs the epoch's sums, and when a callback asks; the values come back
/// in step order, so the epoch's sums are added in the same order as reading every step would.
/// </summary>
internal sealed class PendingSteps : IDisposable
{
    readonly List<(StepResult Result, Tensor Loss, Tensor Correct)> _steps = [];

    /// <summary>Keeps the step's loss (a scalar) and correct count beyond the step's dispose scope.</summary>
    public void Add(StepResult result, Tensor loss, Tensor correct) =>
        _steps.Add((result, loss.detach().DetachFromDisposeScope(), correct.DetachFromDisposeScope()));

    /// <summary>The pending steps with their numbers, in step order; none remain pending.</summary>
    public IReadOnlyList<(StepResult Result, double Loss, long Correct)> Read()
    {
        if (_steps.Count == 0) return [];
        using var scope = torch.NewDisposeScope();
        float[] losses = torch.stack(_steps.Select(s => s.Loss)).to(ScalarType.Float32).cpu().data<float>().ToArray();
        long[] correct = torch.stack(_steps.Select(s => s.Correct)).to(ScalarType.Int64).cpu().data<long>().ToArray();
        var read = _steps.Select((s, i) => (s.Result, (double)losses[i], correct[i])).ToArray();
        Dispose();
        return read;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var (_, loss, correct) in _steps)
        {
            loss.Dispose();
            correct.Dispose();
        }
        _steps.Clear();
    }
}
