using ViT.Training.Metrics;

namespace ViT.Training.Callbacks;

/// <summary>
/// Logs the learning rate of every parameter group, as Lightning's <c>LearningRateMonitor</c>: named <c>lr-Adam</c>
/// (<c>lr-AdamW/pg1</c>, <c>lr-AdamW/pg2</c>, … with several groups), at every logging point (<see cref="LoggingInterval.Step"/>,
/// to TensorBoard) or once per epoch into its row (<see cref="LoggingInterval.Epoch"/>: the CSV, the chart). <see cref="History"/>
/// keeps every rate it saw.
/// </summary>
public sealed class LearningRateMonitor(LoggingInterval interval = LoggingInterval.Step) : TrainerCallback
{
    readonly List<(long GlobalStep, double[] Rates)> _history = [];
    double[]? _epochRates;

    /// <summary>When the rates are logged.</summary>
    public LoggingInterval Interval { get; } = Enum.IsDefined(interval)
        ? interval
        : throw new ArgumentOutOfRangeException(nameof(interval), interval, "interval must be LoggingInterval.Step or LoggingInterval.Epoch.");

    /// <summary>Each parameter group's rate, by the global step it trained (every step, or each epoch's first).</summary>
    public IReadOnlyList<(long GlobalStep, double[] Rates)> History => _history;

    /// <inheritdoc/>
    public override void OnEpochStart(TrainingContext context, int epoch) => _epochRates = null;

    /// <inheritdoc/>
    public override void OnStepEnd(TrainingContext context, StepResult result)
    {
        double[] rates = context.Optimizer.ParamGroups.Select(group => group.LearningRate).ToArray();
        if (Interval == LoggingInterval.Epoch)
        {
            if (_epochRates is not null) return;
            _epochRates = rates;
        }
        _history.Add((result.GlobalStep, rates));
        if (Interval == LoggingInterval.Step) Log(context, rates);
    }

    /// <inheritdoc/>
    public override void OnTrainEpochEnd(TrainingContext context, int epoch)
    {
        if (Interval == LoggingInterval.Epoch && _epochRates is not null) Log(context, _epochRates);
    }

    static void Log(TrainingContext context, double[] rates)
    {
        string optimizer = context.Optimizer.GetType().Name;
        for (int group = 0; group < rates.Length; group++) context.Log(MetricNames.LearningRate(optimizer, group, rates.Length), rates[group]);
    }
}
