namespace ViT.Weights;

/// <summary>A strict load found missing, unexpected or mis-shaped tensors; nothing was loaded.</summary>
public sealed class WeightsMismatchException(string filePath, WeightsLoadReport report)
    : Exception($"{filePath} does not match the model, so nothing was loaded:{Environment.NewLine}{report}{Environment.NewLine}" +
                "Load with strict: false to copy only the tensors that match.")
{
    /// <summary>What matched and what did not.</summary>
    public WeightsLoadReport Report { get; } = report;
}
