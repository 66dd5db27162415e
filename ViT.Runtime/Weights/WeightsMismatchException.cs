namespace ViT.Weights;

/// <summary>A strict load found missing, unexpected or mis-shaped tensors, so nothing was loaded; the message is the report's.</summary>
public sealed class WeightsMismatchException(string filePath, WeightsLoadReport report) : Exception(report.ToString())
{
    /// <summary>The file that was refused.</summary>
    public string FilePath { get; } = filePath;

    /// <summary>What fitted and what did not.</summary>
    public WeightsLoadReport Report { get; } = report;
}
