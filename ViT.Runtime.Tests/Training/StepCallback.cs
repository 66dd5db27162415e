using ViT.Training.Callbacks;

namespace ViT.Runtime.Tests.Training;

/// <summary>Runs an action after every training step: recording what the optimizer did, or crashing on purpose.</summary>
internal sealed class StepCallback(Action<TrainingContext, StepResult> action) : TrainerCallback
{
    public override void OnStepEnd(TrainingContext context, StepResult result) => action(context, result);
}
