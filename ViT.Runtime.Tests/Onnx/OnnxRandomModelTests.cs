using System.Runtime.CompilerServices;
using ViT.Runtime.Tests.Onnx.Stacks;
using Xunit.Abstractions;

namespace ViT.Runtime.Tests.Onnx;

/// <summary>Fifty random valid models over the whole layer algebra: each exported file computes what TorchSharp does.</summary>
public sealed class OnnxRandomModelTests(ITestOutputHelper output)
{
    public static TheoryData<int> Indices() => new(Enumerable.Range(0, RandomModels.All.Length));

    [Fact]
    public void The_random_models_are_the_seeded_generator_s_output()
    {
        string expected = RandomLayerStacks.Source();
        string path = SourcePath();
        if (Environment.GetEnvironmentVariable("VIT_ACCEPT_SNAPSHOTS") == "1") File.WriteAllText(path, expected);
        Assert.True(File.ReadAllText(path).ReplaceLineEndings("\n") == expected, $"{path} is not what RandomLayerStacks writes; run this test with VIT_ACCEPT_SNAPSHOTS=1 and rebuild");
        Assert.Equal(RandomLayerStacks.Count, RandomModels.All.Length);
    }

    [Theory]
    [MemberData(nameof(Indices))]
    public void Onnx_Runtime_computes_the_TorchSharp_outputs(int index)
    {
        var (name, create) = RandomModels.All[index];
        TorchSharp.torch.manual_seed(index);
        using var model = create();
        double difference = OnnxAgreement.Check(model, seed: 100 + index);
        output.WriteLine($"{name}: max relative difference {difference:E2}");
    }

    static string SourcePath([CallerFilePath] string self = "") => Path.Combine(Path.GetDirectoryName(self)!, "RandomModels.cs");
}
