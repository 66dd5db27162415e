using ViT.Training;
using ViT.Training.Callbacks;

namespace ViT.Runtime.Tests.Training;

/// <summary>Runs an action after every epoch.</summary>
internal sealed class EpochCallback(Action<TrainingContext, EpochMetrics> action) : TrainerCallback
{
    public override void OnEpochEnd(TrainingContext context, EpochMetrics metrics) => action(context, metrics);
}
