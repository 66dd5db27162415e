using TorchSharp;
using ViT.Weights;
using static TorchSharp.torch;

namespace ViT.Models.Tests.Zoo;

/// <summary>
/// The files that cross to and from the reference (docs/zoo-reference.md): <c>&lt;Model&gt;.safetensors</c>, a whole
/// state dict, and <c>&lt;Model&gt;.logits</c>, a safetensors file holding one F32 tensor <c>logits</c> [2, classes]
/// computed from those weights on the formula input in evaluation mode.
/// </summary>
public static class ZooFiles
{
    /// <summary>The tensor a <c>.logits</c> file holds.</summary>
    public const string LogitsName = "logits";

    /// <summary>
    /// Writes the module's weights (as <see cref="ModelWeights.Save"/> does) and its logits of the formula input to
    /// <paramref name="folder"/>, for <c>tools/zoo_reference.py --check</c>.
    /// </summary>
    public static void Write(nn.Module<Tensor, Tensor> model, ZooFixture fixture, string folder)
    {
        Directory.CreateDirectory(folder);
        ModelWeights.Save(model, Path.Combine(folder, $"{fixture.Model}.safetensors"), new Dictionary<string, string> { ["model"] = fixture.Model });
        using var logits = ZooReference.Logits(model, fixture);
        SafeTensorsFile.Write(Path.Combine(folder, $"{fixture.Model}.logits"), new Dictionary<string, (long[], float[])>
        {
            [LogitsName] = (logits.shape, logits.data<float>().ToArray()),
        });
    }

    /// <summary>
    /// Loads the reference's state dict that <c>tools/zoo_reference.py --export</c> wrote to <paramref name="folder"/>
    /// (strictly) and returns max |ours - reference| / max |reference| over the logits of the formula input.
    /// </summary>
    public static double MaxRelativeLogitDifferenceAfterLoading(nn.Module<Tensor, Tensor> model, ZooFixture fixture, string folder)
    {
        ModelWeights.Load(model, Path.Combine(folder, $"{fixture.Model}.safetensors"));
        using var scope = torch.NewDisposeScope();
        return ZooReference.MaxRelativeDifference(ZooReference.Logits(model, fixture), ReadLogits(Path.Combine(folder, $"{fixture.Model}.logits")), fixture.Model);
    }

    /// <summary>The logits a <c>.logits</c> file holds.</summary>
    public static Tensor ReadLogits(string path)
    {
        var (tensors, _) = SafeTensorsFile.Read(path);
        if (!tensors.TryGetValue(LogitsName, out var logits))
            throw new SafeTensorsFormatException(path, $"a .logits file holds one tensor named {LogitsName}; this one has {string.Join(", ", tensors.Keys)}.");
        return torch.tensor(logits.Values, logits.Shape);
    }
}
