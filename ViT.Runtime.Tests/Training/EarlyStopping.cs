using ViT.Training;
using ViT.Training.Callbacks;

namespace ViT.Runtime.Tests.Training;

// The early-stopping example of docs/training.md, verbatim (DocsExampleTests checks the copy).
/// <summary>Stops training when the validation loss has not improved by <paramref name="minDelta"/> for <paramref name="patience"/> epochs.</summary>
public sealed class EarlyStopping(int patience, double minDelta = 0) : TrainerCallback
{
    double _best = double.PositiveInfinity;
    int _epochsWithoutImprovement;

    public override void OnValidationEnd(TrainingContext context, int epoch, Evaluation validation)
    {
        if (validation.Loss < _best - minDelta)
        {
            _best = validation.Loss;
            _epochsWithoutImprovement = 0;
        }
        else if (++_epochsWithoutImprovement >= patience)
        {
            context.RequestStop($"validation loss has not improved on {_best:F4} for {patience} epochs");
        }
    }
}
