namespace ViT.Training;

/// <summary>The serialisable part of <see cref="TrainerOptions"/>, which decides whether a checkpoint can be resumed under other options.</summary>
/// <param name="Epochs">Epochs of the run.</param>
/// <param name="BatchSize">Images per step.</param>
/// <param name="LearningRate">The default optimizer's rate.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Device">Where it trained.</param>
/// <param name="ScheduleDescription">The learning-rate schedule in words (<see cref="LearningRateSchedule.Description"/>).</param>
/// <param name="Metrics">The names of the metrics whose sums the checkpoint holds, the loss first.</param>
/// <param name="AccumulateGradientBatches">Steps per optimizer update.</param>
public sealed record CheckpointOptions(int Epochs, int BatchSize, double LearningRate, int Seed, string Device,
    string ScheduleDescription, IReadOnlyList<string> Metrics, int AccumulateGradientBatches = 1);
