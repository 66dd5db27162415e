using TorchSharp;

namespace ViT.Training;

/// <summary>Where an epoch starts: from scratch, or part-way through after a resume, with its running sums.</summary>
internal sealed record EpochStart(int Epoch, int StepsDone, double LossSum, long Correct, long Seen, long SeenBefore, double SecondsBefore, IReadOnlyList<EpochMetrics> History)
{
    public static EpochStart Fresh(int epoch, IReadOnlyList<EpochMetrics>? history = null) =>
        new(epoch, 0, 0, 0, 0, 0, 0, history ?? Array.Empty<EpochMetrics>());

    public static EpochStart From(CheckpointState state) => state.EpochFinished
        ? Fresh(state.Epoch + 1, state.History)
        : new(state.Epoch, state.StepsDoneInEpoch, state.LossSum, state.CorrectSum, state.SeenSum, state.SeenSum, state.EpochSeconds, state.History);

    /// <summary>The checkpoint record of this position, with the random generator's current state.</summary>
    public CheckpointState ToState(int epoch, bool finished, double seconds, IReadOnlyList<EpochMetrics> history, TrainerOptions options, torch.Device device, CheckpointData? data)
    {
        using var random = torch.get_rng_state();
        return new CheckpointState(epoch, StepsDone, finished, LossSum, Correct, Seen, seconds, history.ToArray(), random.data<byte>().ToArray(),
            new CheckpointOptions(options.Epochs, options.BatchSize, options.LearningRate, options.Seed, device.ToString(), options.Schedule), data);
    }
}
