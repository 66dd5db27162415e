using System.Globalization;
using ViT.Training.Metrics;

namespace ViT.Training.Callbacks;

/// <summary>
/// Stops training when a monitored value has not improved for <see cref="Patience"/> epochs, as Lightning's
/// <c>EarlyStopping(monitor, mode, patience, min_delta)</c>: after each epoch it reads the value from the epoch's row,
/// and an improvement is a change by more than <see cref="MinDelta"/> in the <see cref="Mode"/>'s direction. A
/// non-finite value stops at once. Training ends after the epoch (its checkpoint included); a resumed run replays the
/// history, so it stops where the uninterrupted run would.
/// </summary>
public sealed class EarlyStopping : TrainerCallback
{
    /// <summary>Stops when <paramref name="monitor"/> has not improved by more than <paramref name="minDelta"/> for <paramref name="patience"/> epochs.</summary>
    public EarlyStopping(string monitor = MetricNames.ValidationLoss, MonitorMode mode = MonitorMode.Min, int patience = 3, double minDelta = 0)
    {
        MetricNames.RequireValid(monitor);
        MonitoredValue.RequireMode(mode);
        if (patience < 1) throw new ArgumentOutOfRangeException(nameof(patience), patience, "patience must be at least 1 epoch.");
        if (!(minDelta >= 0)) throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, "minDelta must be 0 or more: the smallest change that counts as an improvement.");
        (Monitor, Mode, Patience, MinDelta) = (monitor, mode, patience, minDelta);
    }

    /// <summary>The value watched, such as <c>val_loss</c>.</summary>
    public string Monitor { get; }

    /// <summary>Which way it improves.</summary>
    public MonitorMode Mode { get; }

    /// <summary>Epochs without improvement before stopping.</summary>
    public int Patience { get; }

    /// <summary>The smallest change that counts as an improvement.</summary>
    public double MinDelta { get; }

    /// <summary>The best value so far; NaN before the first epoch.</summary>
    public double Best { get; private set; } = double.NaN;

    /// <summary>Epochs since the last improvement.</summary>
    public int EpochsWithoutImprovement { get; private set; }

    /// <summary>The epoch after which it asked to stop; null while training goes on.</summary>
    public int? StoppedEpoch { get; private set; }

    /// <inheritdoc/>
    public override void OnFitStart(TrainingContext context)
    {
        (Best, EpochsWithoutImprovement, StoppedEpoch) = (double.NaN, 0, null);
        foreach (var earlier in context.History) Observe(earlier);
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochMetrics metrics)
    {
        if (Observe(metrics) is string reason)
        {
            StoppedEpoch = metrics.Epoch;
            context.RequestStop(reason);
        }
    }

    /// <summary>Takes in one epoch's value; returns why to stop, or null.</summary>
    string? Observe(EpochMetrics metrics)
    {
        double value = MonitoredValue.Read(metrics, Monitor, nameof(EarlyStopping));
        if (!double.IsFinite(value)) return $"{Monitor} is {value.ToString(CultureInfo.InvariantCulture)}";
        if (MonitoredValue.Improves(value, Best, Mode, MinDelta))
        {
            (Best, EpochsWithoutImprovement) = (value, 0);
            return null;
        }
        return ++EpochsWithoutImprovement >= Patience
            ? string.Create(CultureInfo.InvariantCulture, $"{Monitor} has not improved on {Best:0.####} for {Patience} epochs")
            : null;
    }
}
