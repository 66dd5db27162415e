using TorchSharp;
using ViT.Data;
using ViT.Runtime.Tests.Weights;
using ViT.Samples.Models;
using ViT.Training;
using ViT.Weights;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Training;

/// <summary>
/// Training the generated tutorial models against PyTorch: from the fixture weights, on a labelled batch that
/// tools/make_weight_fixtures.py wrote with what PyTorch computed for it, each parameter's cross-entropy gradient must
/// match, and three <see cref="Trainer"/> steps (default Adam, batch = the whole batch) must move every parameter as
/// three steps of PyTorch's Adam do. A parameter left out of the optimizer, a detached path or a different loss fails.
/// </summary>
public sealed class PyTorchTrainingTests(ITestOutputHelper output)
{
    // The reference is stored as F16: 2^-11 = 4.9e-4 of a tensor's largest value; real mistakes are off by far more.
    const double Tolerance = 2e-3;

    // Adam divides each gradient by its own size, so an element whose gradient is float32 rounding noise (the key
    // bias's, which softmax cancels exactly; a dead unit's) moves by +-lr on a coin toss in either implementation.
    // Updates are compared where the first gradient is at least this fraction of its tensor's largest.
    const double AdamNoiseFloor = 1e-4;

    [Theory]
    [MemberData(nameof(PyTorchFixtureTests.TrainedModels), MemberType = typeof(PyTorchFixtureTests))]
    public void Gradients_match_pytorch(string name)
    {
        var reference = ReadReference(name);
        using var model = LoadFixtureWeights(name);
        using var batch = Batch(reference);

        model.train();
        using var loss = nn.functional.cross_entropy(model.forward(batch.Images), batch.Labels);
        loss.backward();

        AssertEachParameter(name, "gradient", reference, "grad", noiseFloor: 0, model.named_parameters().Select(named =>
            (named.name, named.parameter.grad is { } grad ? grad.data<float>().ToArray() : new float[named.parameter.numel()])));
    }

    [Theory]
    [MemberData(nameof(PyTorchFixtureTests.TrainedModels), MemberType = typeof(PyTorchFixtureTests))]
    public void Three_trainer_steps_move_every_parameter_as_pytorch_adam_does(string name)
    {
        var reference = ReadReference(name);
        using var model = LoadFixtureWeights(name);
        using var batch = Batch(reference);
        var start = model.named_parameters().ToDictionary(named => named.name, named => named.parameter.data<float>().ToArray());

        // Three epochs of one batch each: the tutorial's default recipe (Adam 3e-4) but for the epoch and batch sizes.
        var trainer = new Trainer(new TrainerOptions { Epochs = 3, BatchSize = batch.Count, OutputDirectory = null, Device = "cpu" }, new RecordingReporter());
        trainer.Fit(model, batch);

        AssertEachParameter(name, "Adam update", reference, "update", AdamNoiseFloor, model.named_parameters().Select(named =>
            (named.name, named.parameter.data<float>().ToArray().Zip(start[named.name], (after, before) => after - before).ToArray())));
    }

    void AssertEachParameter(string model, string what, IReadOnlyDictionary<string, SafeTensorsEntry> reference, string prefix,
        double noiseFloor, IEnumerable<(string Name, float[] Values)> actual)
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

    static IReadOnlyDictionary<string, SafeTensorsEntry> ReadReference(string name) =>
        SafeTensorsFile.Read(Path.Combine(PyTorchFixtureTests.Fixtures, $"{name}.train.safetensors")).Tensors;

    static nn.Module<Tensor, Tensor> LoadFixtureWeights(string name)
    {
        var model = Float32Reference.InFloat32(TutorialModels.Get(name).Create());
        Assert.True(ModelWeights.Load(model, Path.Combine(PyTorchFixtureTests.Fixtures, $"{name}.safetensors")).IsExact);
        return model;
    }

    static ImageDataset Batch(IReadOnlyDictionary<string, SafeTensorsEntry> reference)
    {
        var images = reference["__images__"];
        var labels = reference["__labels__"].Values.Select(label => (long)label).ToArray();
        return new ImageDataset(torch.tensor(images.Values, images.Shape), torch.tensor(labels));
    }
}
