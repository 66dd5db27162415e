using ViT.Training.Callbacks;

namespace ViT.Runtime.Tests.Training;

/// <summary>Logs <paramref name="values"/>[epoch − 1] as <paramref name="name"/> into each epoch's row: a monitored value the test decides.</summary>
internal sealed class ScriptedValue(string name, params double[] values) : TrainerCallback
{
    public override void OnTrainEpochEnd(TrainingContext context, int epoch) => context.Log(name, values[epoch - 1]);
}
