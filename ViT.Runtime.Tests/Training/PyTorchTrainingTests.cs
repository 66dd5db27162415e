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
    [Theory]
    [MemberData(nameof(PyTorchFixtureTests.TrainedModels), MemberType = typeof(PyTorchFixtureTests))]
    public void Gradients_match_pytorch(string name)
    {
        var reference = ReadReference(name);
        using var model = PyTorchComparison.LoadFixtureWeights(name);
        using var batch = PyTorchComparison.Batch(reference);

        model.train();
        using var loss = nn.functional.cross_entropy(model.forward(batch.Images), batch.Labels);
        loss.backward();

        PyTorchComparison.AssertEachParameter(output, name, "gradient", reference, "grad", noiseFloor: 0, model.named_parameters().Select(named =>
            (named.name, named.parameter.grad is { } grad ? grad.data<float>().ToArray() : new float[named.parameter.numel()])));
    }

    [Theory]
    [MemberData(nameof(PyTorchFixtureTests.TrainedModels), MemberType = typeof(PyTorchFixtureTests))]
    public void Three_trainer_steps_move_every_parameter_as_pytorch_adam_does(string name)
    {
        var reference = ReadReference(name);
        using var model = PyTorchComparison.LoadFixtureWeights(name);
        using var batch = PyTorchComparison.Batch(reference);
        var start = model.named_parameters().ToDictionary(named => named.name, named => named.parameter.data<float>().ToArray());

        // Three epochs of one batch each: the tutorial's default recipe (Adam 3e-4) but for the epoch and batch sizes.
        var trainer = new Trainer(new TrainerOptions { Epochs = 3, BatchSize = batch.Count, OutputDirectory = null, Device = "cpu" }.ReportingTo(new RecordingReporter()));
        trainer.Fit(model, batch);

        PyTorchComparison.AssertEachParameter(output, name, "Adam update", reference, "update", PyTorchComparison.AdamNoiseFloor, model.named_parameters().Select(named =>
            (named.name, named.parameter.data<float>().ToArray().Zip(start[named.name], (after, before) => after - before).ToArray())));
    }

    static IReadOnlyDictionary<string, SafeTensorsEntry> ReadReference(string name) =>
        SafeTensorsFile.Read(Path.Combine(PyTorchFixtureTests.Fixtures, $"{name}.train.safetensors")).Tensors;
}
