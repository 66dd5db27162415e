using TorchSharp;
using ViT.Samples.Models;
using ViT.Weights;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Weights;

/// <summary>
/// The generated models against PyTorch: fixtures written by tools/make_weight_fixtures.py hold random weights for each
/// model (PyTorch state-dict names, F16; the convolutional models' batch-norm running statistics too) and the logits
/// PyTorch computed for an input batch; loading the weights strictly into the generated model must reproduce them.
/// The sample's tutorial, timm, cnn (nn.Sequential) and resnet (nn.Sequential with residual Sequentials) models, and
/// timm's mean-pooling layout (fc_norm after the average).
/// </summary>
public sealed class PyTorchFixtureTests(ITestOutputHelper output)
{
    internal static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "weights");

    public static TheoryData<string> Models => new() { "tutorial", "timm", "cnn", "resnet", "timm_mean" };

    /// <summary>The models whose fixtures also hold gradients and Adam steps (PyTorchTrainingTests).</summary>
    public static TheoryData<string> TrainedModels => new() { "tutorial", "timm" };

    static nn.Module<Tensor, Tensor> Create(string name) => Float32Reference.InFloat32(name == "timm_mean" ? new Generated.TimmMeanPoolViT() : TutorialModels.Get(name).Create());

    /// <summary>
    /// max |actual - expected| / max |expected|: the error relative to the logits' scale. An element-wise ratio
    /// would divide float32 rounding by logits near zero: PyTorch's own float32 forward differs from its float64
    /// forward by 1.3e-5 element-wise on the timm fixture (smallest logit 0.0145), but by 3.6e-7 on this measure.
    /// </summary>
    internal static double MaxRelativeError(float[] actual, float[] expected) =>
        actual.Zip(expected, (a, e) => Math.Abs(a - (double)e)).Max() / expected.Max(e => Math.Abs((double)e));

    [Theory]
    [MemberData(nameof(Models))]
    public void Generated_model_reproduces_pytorch_logits(string name)
    {
        using var model = Create(name);
        var report = ModelWeights.Load(model, Path.Combine(Fixtures, $"{name}.safetensors"));
        var (io, _) = SafeTensorsFile.Read(Path.Combine(Fixtures, $"{name}.io.safetensors"));
        using var input = torch.tensor(io["__input__"].Values, io["__input__"].Shape);

        model.eval();
        using var logits = model.forward(input);

        Assert.True(report.IsExact);
        Assert.Equal(io["__logits__"].Shape, logits.shape);
        double error = MaxRelativeError(logits.data<float>().ToArray(), io["__logits__"].Values);
        output.WriteLine($"{name}: max relative logit error against PyTorch {error:E2}");
        Assert.True(error < 1e-5, $"{name}: max relative logit error {error:E2}");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Exported_weights_and_logits_round_trip(string name)
    {
        // Writes what tools/make_weight_fixtures.py --check DIR loads into PyTorch; VIT_EXPORT_DIR keeps the files.
        string folder = Environment.GetEnvironmentVariable("VIT_EXPORT_DIR") ?? Directory.CreateTempSubdirectory("vit-export-").FullName;
        Directory.CreateDirectory(folder);
        torch.manual_seed(7);
        using var model = Create(name);
        model.eval();
        using var input = torch.rand(4, 1, 28, 28);
        using var logits = model.forward(input);

        ModelWeights.Save(model, Path.Combine(folder, $"{name}.safetensors"), new Dictionary<string, string> { ["model"] = name });
        SafeTensorsFile.Write(Path.Combine(folder, $"{name}.io.safetensors"), new Dictionary<string, (long[], float[])>
        {
            ["__input__"] = (input.shape, input.data<float>().ToArray()),
            ["__logits__"] = (logits.shape, logits.data<float>().ToArray()),
        });

        torch.manual_seed(8);
        using var reloaded = Create(name);
        ModelWeights.Load(reloaded, Path.Combine(folder, $"{name}.safetensors"));
        reloaded.eval();
        Assert.Equal(logits.data<float>().ToArray(), reloaded.forward(input).data<float>().ToArray());
    }
}
