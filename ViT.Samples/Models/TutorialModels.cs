namespace ViT.Samples.Models;

/// <summary>The tutorial's two Vision Transformers, with the summaries the generator worked out at compile time.</summary>
public static class TutorialModels
{
    /// <summary>The summaries of <see cref="TutorialViT"/> (613,710 parameters) and <see cref="TimmViT"/> (371,910).</summary>
    public static IReadOnlyList<ModelSummary> Summaries { get; } = [TutorialViT.ModelSummary, TimmViT.ModelSummary];

    /// <summary>Writes both summary tables, one after the other.</summary>
    /// <param name="output">Where to write, for example <see cref="Console.Out"/>.</param>
    public static void PrintSummaries(TextWriter output)
    {
        foreach (var summary in Summaries)
        {
            output.WriteLine(summary);
            output.WriteLine();
        }
    }
}
