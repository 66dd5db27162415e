using TorchSharp;
using ViT.Runtime.Tests.Layers;
using ViT.Samples.Models;
using ViT.Tests.PyTorch;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.PyTorch;

/// <summary>
/// Every sample model and the layer test models against their PyTorch twins: Debian's PyTorch imports the twin each
/// writes, loads its weights with strict=True, and computes the same logits and gradients (<see cref="TwinCheck"/>).
/// </summary>
public sealed class TwinTests(ITestOutputHelper output) : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("vit-twins-").FullName;

    static IEnumerable<(string Name, Func<nn.Module<Tensor, Tensor>> Create, IReadOnlyList<long> Input)> Models() =>
        TutorialModels.All.Select(entry => (entry.Name, entry.Create, (IReadOnlyList<long>)entry.Summary.InputShape))
            .Concat(new (string, Func<nn.Module<Tensor, Tensor>>, IReadOnlyList<long>)[]
            {
                (nameof(ConvModel), () => new ConvModel(), ConvModel.InputShape),
                (nameof(GroupedConvModel), () => new GroupedConvModel(), GroupedConvModel.InputShape),
                (nameof(MaxPoolModel), () => new MaxPoolModel(), MaxPoolModel.InputShape),
                (nameof(AvgPoolModel), () => new AvgPoolModel(), AvgPoolModel.InputShape),
                (nameof(BatchNormModel), () => new BatchNormModel(), BatchNormModel.InputShape),
                (nameof(DenseModel), () => new DenseModel(), DenseModel.InputShape),
                (nameof(TokenModel), () => new TokenModel(), TokenModel.InputShape),
                (nameof(ResidualModel), () => new ResidualModel(), ResidualModel.InputShape),
                (nameof(HybridModel), () => new HybridModel(), HybridModel.InputShape),
                (nameof(MixedTimmViT), () => new MixedTimmViT(), MixedTimmViT.InputShape),
            });

    [SkippableFact]
    public void Every_sample_and_layer_model_computes_as_its_PyTorch_twin()
    {
        TwinCheck.SkipUnlessAvailable();

        var folders = new List<string>();
        foreach (var (name, create, input) in Models())
        {
            manual_seed(7);
            using var model = create();
            string folder = Path.Combine(_folder, name);
            TwinCheck.WriteCase(folder, model, input);
            folders.Add(folder);
        }

        var results = TwinCheck.Run(folders);
        foreach (var result in results) output.WriteLine(result.ToString());
        Assert.Equal(folders.Count, results.Count);
        Assert.All(results, result => Assert.True(result.Agrees, result.ToString()));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
