using TorchSharp;
using ViT.Models.Tests.Zoo;
using ViT.Tests.PyTorch;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ViT.Models.Tests;

/// <summary>
/// Zoo models against their PyTorch twins (TwinCheck): one of each construct the zoo uses (projection shortcuts, gates,
/// concatenation, grouped convolutions, LayerNorm over channels, per-pixel Linears, layer scale, the distillation
/// token). The largest (ResNet-50, VGG-11, ViT-S and ViT-B) only with <c>VIT_TWIN_ZOO=all</c>: in float64 each takes
/// gigabytes and a minute or more.
/// </summary>
public sealed class ZooTwinTests(ITestOutputHelper output) : IDisposable
{
    static readonly string[] InCi = [nameof(ResNet18), nameof(MobileNetV2), nameof(MobileNetV3Small), nameof(EfficientNetB0), nameof(ConvNeXtTiny),
        nameof(DenseNet121), nameof(RegNetX400MF), nameof(VitTinyPatch16), nameof(DeitTinyDistilledPatch16)];

    readonly string _folder = Directory.CreateTempSubdirectory("vit-zoo-twins-").FullName;

    [SkippableFact]
    public void Zoo_models_compute_as_their_PyTorch_twins()
    {
        TwinCheck.SkipUnlessAvailable();

        bool all = Environment.GetEnvironmentVariable("VIT_TWIN_ZOO") == "all";
        var results = new List<TwinCheck.Result>();
        foreach (var zoo in ZooClass.All.Where(zoo => all || InCi.Contains(zoo.Name)))
        {
            // One at a time: a float64 copy of the weights, their gradients and the file are what fills memory.
            manual_seed(3);
            string folder = Path.Combine(_folder, zoo.Name);
            using (var model = zoo.Create())
            {
                // Gradients in evaluation mode: the zoo's dropout and stochastic depth draw in training mode.
                TwinCheck.WriteCase(folder, model, ((IGeneratedModel)model).Summary.InputShape, train: false);
            }

            var result = TwinCheck.Run([folder]).Single();
            output.WriteLine(result.ToString());
            results.Add(result);
            Directory.Delete(folder, recursive: true);
        }

        Assert.All(results, result => Assert.True(result.Agrees, result.ToString()));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
