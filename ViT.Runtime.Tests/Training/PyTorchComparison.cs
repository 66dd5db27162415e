using TorchSharp;
using ViT.Data;
using ViT.Runtime.Tests.Weights;
using ViT.Samples.Models;
using ViT.Weights;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Training;

/// <summary>What the training tests against PyTorch share: the fixture weights and batch, and the per-parameter comparison.</summary>
internal static class PyTorchComparison
{
    // The reference is stored as F16: 2^-11 = 4.9e-4 of a tensor's largest value; real mistakes are off by far more.
    public const double Tolerance = 2e-3;

    // Adam divides each gradient by its own size, so an element whose gradient is float32 rounding noise (the key
    // bias's, which softmax cancels exactly; a dead unit's) moves by +-lr on a coin toss in either implementation.
    // Updates are compared where the first gradient is at least this fraction of its tensor's largest.
    public const double AdamNoiseFloor = 1e-4;

    /// <summary>The sample model <paramref name="name"/> in float32 with the fixture weights PyTorch used.</summary>
    public static nn.Module<Tensor, Tensor> LoadFixtureWeights(string name)
    {
        var model = Float32Reference.InFloat32(TutorialModels.Get(name).Create());
        Assert.True(ModelWeights.Load(model, Path.Combine(PyTorchFixtureTests.Fixtures, $"{name}.safetensors")).IsExact);
        return model;
    }

    /// <summary>The labelled batch PyTorch trained on.</summary>
    public static ImageDataset Batch(IReadOnlyDictionary<string, SafeTensorsEntry> reference)
    {
        var images = reference["__images__"];
        var labels = reference["__labels__"].Values.Select(label => (long)label).ToArray();
        return new ImageDataset(torch.tensor(images.Values, images.Shape), torch.tensor(labels));
    }

    /// <summary>
    /// Every parameter's values against the reference's <c>prefix.name</c>, relative to the tensor's largest, where the
    /// reference's first gradient (<c>grad.name</c>) is at least <paramref name="noiseFloor"/> of its largest; a parameter
    /// without gradient must come out exactly zero.
    /// </summary>
    public static void AssertEachParameter(ITestOutputHelper output, string model, string what, IReadOnlyDictionary<string, SafeTensorsEntry> reference,
        string prefix, double noiseFloor, IEnumerable<(string Name, float[] Values)> actual)
    {
        long compared = 0, total = 0;
        var errors = actual.Select(parameter =>
        {
            var expected = reference[$"{prefix}.{parameter.Name}"].Values;
            var gradient = reference[$"grad.{parameter.Name}"].Values;
            Assert.Equal(expected.Length, parameter.Values.Length);
            // An unused parameter (the tutorial's final norm) must come out exactly zero.
            double largest = gradient.Max(g => Math.Abs((double)g));
            var kept = Enumerable.Range(0, expected.Length).Where(i => Math.Abs(gradient[i]) >= noiseFloor * largest).ToArray();
            compared += kept.Length;
            total += expected.Length;
            double error = largest == 0
                ? parameter.Values.Max(Math.Abs)
                : PyTorchFixtureTests.MaxRelativeError(kept.Select(i => parameter.Values[i]).ToArray(), kept.Select(i => expected[i]).ToArray());
            return (parameter.Name, Error: error);
        }).ToList();

        Assert.Equal(reference.Keys.Count(key => key.StartsWith(prefix + ".", StringComparison.Ordinal)), errors.Count);
        var worst = errors.MaxBy(e => e.Error);
        output.WriteLine($"{model}: {errors.Count} parameters, {compared:N0} of {total:N0} elements compared, largest relative {what} error {worst.Error:E2} ({worst.Name})");
        Assert.All(errors, e => Assert.True(e.Error < Tolerance, $"{model}: {e.Name} {what} differs from PyTorch's by {e.Error:E2} of its largest value"));
    }
}
