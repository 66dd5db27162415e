using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Samples.Models;

/// <summary>The tutorial's two Vision Transformers by their command-line names, with their compile-time summaries.</summary>
public static class TutorialModels
{
    /// <summary>A model the sample can train: its command-line name, summary and constructor.</summary>
    public sealed record Entry(string Name, string Description, ModelSummary Summary, Func<nn.Module<Tensor, Tensor>> Create);

    /// <summary>The tutorial's wide-attention ViT (613,710 parameters) and timm's configuration (371,910).</summary>
    public static IReadOnlyList<Entry> All { get; } =
    [
        new("tutorial", "the tutorial's ViT: its listing's attention, 3 heads, 3 layers, ReLU", TutorialViT.ModelSummary, () => new TutorialViT()),
        new("timm", "timm's VisionTransformer: split attention, 2 heads, depth 3, GELU, final norm", TimmViT.ModelSummary, () => new TimmViT()),
    ];

    /// <summary>The summaries of <see cref="TutorialViT"/> and <see cref="TimmViT"/>.</summary>
    public static IReadOnlyList<ModelSummary> Summaries { get; } = All.Select(entry => entry.Summary).ToArray();

    /// <summary>The entry named <paramref name="name"/> (as <c>--model</c> spells it).</summary>
    public static Entry Get(string name) =>
        All.FirstOrDefault(entry => entry.Name == name)
        ?? throw new ArgumentException($"Unknown model '{name}'; choose one of {string.Join(", ", All.Select(e => e.Name))}.", nameof(name));

    /// <summary>Writes the summary tables of the named models, one after the other.</summary>
    /// <param name="output">Where to write, for example <see cref="Console.Out"/>.</param>
    /// <param name="names">The models to show; all when null.</param>
    public static void PrintSummaries(TextWriter output, IEnumerable<string>? names = null)
    {
        foreach (var entry in names is null ? All : names.Select(Get))
        {
            output.WriteLine(entry.Summary);
            output.WriteLine();
        }
    }
}
