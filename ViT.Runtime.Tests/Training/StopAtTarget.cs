using ViT.Training;
using ViT.Training.Callbacks;

namespace ViT.Runtime.Tests.Training;

// The callback example of docs/training.md, verbatim (DocsExampleTests checks the copy).
/// <summary>Stops training once <paramref name="monitor"/> reaches <paramref name="target"/>: the run is good enough.</summary>
public sealed class StopAtTarget(string monitor, double target) : TrainerCallback
{
    public override void OnEpochEnd(TrainingContext context, EpochMetrics metrics)
    {
        if (metrics[monitor] >= target)
            context.RequestStop($"{monitor} reached {metrics[monitor]:P2}, the target of {target:P2}");
    }
}
