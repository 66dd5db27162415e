using ViT.Training.Callbacks;

namespace ViT.Runtime.Tests.Training;

/// <summary>Records every logging point's values.</summary>
internal sealed class LogCallback(Action<long, IReadOnlyDictionary<string, double>> action) : TrainerCallback
{
    public override void OnLog(TrainingContext context, long step, IReadOnlyDictionary<string, double> values) => action(step, values);
}
