using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Samples.Models;

/// <summary>The sample's models by their command-line names, with their compile-time summaries.</summary>
public static class TutorialModels
{
    /// <summary>A model the sample can train: its command-line name, summary and constructor, and whether <c>--model all</c> trains it.</summary>
    public sealed record Entry(string Name, string Description, ModelSummary Summary, Func<nn.Module<Tensor, Tensor>> Create, bool InDefaultRun = true);

    /// <summary>
    /// The tutorial's ViT (613,710 parameters), timm's configuration (371,910), the convolutional baseline (61,706), and,
    /// outside the default run, a small ResNet and a hybrid of a convolutional stem and a ViT.
    /// </summary>
    public static IReadOnlyList<Entry> All { get; } =
    [
        new("tutorial", "the tutorial's ViT: its listing's attention, 3 heads, 3 layers, ReLU", TutorialViT.ModelSummary, () => new TutorialViT()),
        new("timm", "timm's VisionTransformer: split attention, 2 heads, depth 3, GELU, final norm", TimmViT.ModelSummary, () => new TimmViT()),
        new("cnn", "the convolutional baseline: LeNet-5 with ReLU and max pooling", LeNet.ModelSummary, () => new LeNet()),
        new("resnet", "a small ResNet: three residual stages of 16, 32 and 64 channels", ResNet.ModelSummary, () => new ResNet(), InDefaultRun: false),
        new("hybrid", "a hybrid ViT: a convolutional stem, 2x2 patches of its feature map, 3 blocks of 4 heads", HybridViT.ModelSummary, () => new HybridViT(), InDefaultRun: false),
    ];

    /// <summary>The names <c>--model all</c> trains, in order.</summary>
    public static IReadOnlyList<string> DefaultRun { get; } = All.Where(entry => entry.InDefaultRun).Select(entry => entry.Name).ToArray();

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
