using ViT.Data;
using ViT.Training;

namespace ViT.Samples;

/// <summary>
/// A way to train the sample's models: its defaults (what <c>--epochs</c>, <c>--batch-size</c>, <c>--lr</c>,
/// <c>--lr-schedule</c>, <c>--warmup-epochs</c> and <c>--seed</c> fall back to) and what it adds once those are settled.
/// </summary>
/// <param name="Name">The <c>--recipe</c> value.</param>
/// <param name="Summary">One line on what it trains with.</param>
/// <param name="Defaults">The options the command line starts from.</param>
/// <param name="Complete">
/// Adds what depends on the final values and the data: the optimizer (which reads the final learning rate), the
/// transforms after the conversion to the model's input, and callbacks with state of their own (one per model).
/// </param>
public sealed record Recipe(string Name, string Summary, TrainerOptions Defaults, Func<TrainerOptions, TransformPipeline, TrainerOptions> Complete)
{
    /// <summary>The schedule's shape without its warmup: <c>constant</c> or <c>cosine</c>.</summary>
    public string ScheduleKind => Unwarmed(Defaults.Schedule).Description;

    /// <summary>The epochs of the defaults' warmup; 0 without one.</summary>
    public double WarmupEpochs => Defaults.Schedule is LinearWarmup warmup ? warmup.Epochs : 0;

    static LearningRateSchedule Unwarmed(LearningRateSchedule schedule) => schedule is LinearWarmup warmup ? warmup.After : schedule;
}
