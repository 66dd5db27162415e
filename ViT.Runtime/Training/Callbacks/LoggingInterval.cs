namespace ViT.Training.Callbacks;

/// <summary>How often <see cref="LearningRateMonitor"/> logs (Lightning's <c>logging_interval</c>).</summary>
public enum LoggingInterval
{
    /// <summary>At every logging point (<see cref="TrainerOptions.LogEveryNSteps"/>), to loggers such as TensorBoard.</summary>
    Step = 0,

    /// <summary>Once per epoch, into the epoch's row (the CSV and the chart show it).</summary>
    Epoch = 1,
}
