using ViT.Data;
using ViT.Training;
using ViT.Training.Callbacks;

namespace ViT.Samples;

/// <summary>The recipes <c>--recipe</c> names.</summary>
public static class Recipes
{
    /// <summary>
    /// The tutorial's: the trainer's defaults (Adam 3e-4, batch 64, 5 epochs, a constant rate, cross-entropy), no
    /// augmentation.
    /// </summary>
    public static Recipe Tutorial { get; } = new("tutorial", "Adam, cross-entropy, no augmentation", new TrainerOptions(),
        (options, toModel) => options with { Transforms = toModel.Steps.Count > 0 ? toModel : null });

    /// <summary>
    /// timm's training recipe scaled to MNIST on a CPU: AdamW with timm's parameter groups (weight decay 0.05, none on
    /// norms, biases, the class token and the position embedding), a linear warmup then cosine decay per step,
    /// label smoothing 0.1, RandAugment (2 operations at magnitude 9, no flips) and random erasing, gradient clipping,
    /// and an exponential moving average of the weights evaluated beside them.
    /// </summary>
    public static Recipe Modern { get; } = new("modern",
        "AdamW with timm's parameter groups, warmup and cosine, label smoothing, RandAugment, random erasing, gradient clipping, EMA",
        new TrainerOptions
        {
            Epochs = 15,
            BatchSize = 128,
            LearningRate = 1e-3,
            Schedule = LearningRateSchedule.Cosine.WithWarmup(epochs: 2),
            Objective = TrainingObjective.SmoothedClassification(0.1),
            GradientClipNorm = 1.0,
        },
        (options, toModel) => options with
        {
            Optimizer = model => ParameterGroups.Of(model).AdamW(options.LearningRate, weightDecay: 0.05),
            Transforms = toModel.Then(new RandAugment(Operations: 2, Magnitude: 9)).Then(new RandomErasing(Probability: 0.25)),
            Callbacks = [.. options.Callbacks, new ExponentialMovingAverage(decay: 0.999)],
        });

    /// <summary>Every recipe, by name.</summary>
    public static IReadOnlyList<Recipe> All { get; } = [Tutorial, Modern];

    /// <summary>The recipe named <paramref name="name"/>.</summary>
    public static Recipe Get(string name) => All.Single(recipe => recipe.Name == name);
}
