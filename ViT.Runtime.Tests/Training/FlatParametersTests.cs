using TorchSharp;
using ViT.Training;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Training;

/// <summary>
/// The default Adam steps one flat buffer: the parameters become views of it and their gradients views of one gradient
/// buffer, so one backward pass must fill the buffer with exactly the gradients an unflattened copy computes.
/// (<see cref="PyTorchTrainingTests"/> checks the trainer's steps against PyTorch's Adam through the same path.)
/// </summary>
public sealed class FlatParametersTests : IClassFixture<TrainingFixture>
{
    readonly TrainingFixture _data;

    public FlatParametersTests(TrainingFixture data) => _data = data;

    [Fact]
    public void The_flat_gradient_is_the_parameters_gradients_end_to_end()
    {
        using var images = _data.Train.Images.narrow(0, 0, 32).to(ScalarType.Float32) / 255;
        using var labels = _data.Train.Labels.narrow(0, 0, 32);
        var plain = TrainingFixture.SmallModel(seed: 5);
        var flattened = TrainingFixture.SmallModel(seed: 5);
        using var flat = FlatParameters.TryCreate(flattened)!;

        nn.functional.cross_entropy(plain.forward(images), labels).backward();
        flat.ZeroGrad();
        nn.functional.cross_entropy(flattened.forward(images), labels).backward();

        var expected = torch.cat(plain.parameters().Select(p => p.grad!.flatten()).ToArray());
        Assert.Equal(expected.data<float>().ToArray(), flat.Flat.grad!.data<float>().ToArray());
        // The values are the model's: a change to the buffer is a change to the parameters, by the same names.
        using (torch.no_grad()) flat.Flat.add_(1);
        foreach (var ((name, before), after) in plain.named_parameters().Zip(flattened.parameters()))
            Assert.True((after - before - 1).abs().max().item<float>() < 1e-6, name);
    }

    [Fact]
    public void A_channels_last_weight_keeps_its_layout_and_its_gradient()
    {
        using var images = torch.rand(4, 3, 8, 8, generator: new Generator(3));
        using var labels = torch.tensor(new long[] { 0, 1, 2, 1 });
        var plain = ConvModel(seed: 6);
        var flattened = ConvModel(seed: 6);
        var weight = flattened.named_parameters().Single(p => p.name == "0.weight").parameter;
        using (torch.no_grad()) weight.set_(weight.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2)); // [O, I, K, K] stored [O, K, K, I]
        long[] channelsLast = weight.stride();
        using var flat = FlatParameters.TryCreate(flattened)!;

        nn.functional.cross_entropy(plain.forward(images), labels).backward();
        flat.ZeroGrad();
        nn.functional.cross_entropy(flattened.forward(images), labels).backward();

        Assert.Equal(channelsLast, weight.stride());
        Assert.Equal(channelsLast, weight.grad!.stride());
        foreach (var ((name, expected), actual) in plain.named_parameters().Zip(flattened.parameters()))
        {
            Assert.True(actual.equal(expected).all().item<bool>(), name);
            Assert.True((actual.grad! - expected.grad!).abs().max().item<float>() < 1e-6, name);
        }
    }

    static nn.Module<Tensor, Tensor> ConvModel(int seed)
    {
        torch.manual_seed(seed);
        return nn.Sequential(nn.Conv2d(3, 5, 3), nn.ReLU(), nn.Flatten(), nn.Linear(5 * 6 * 6, 3));
    }

    [Fact]
    public void A_frozen_parameter_is_left_out_and_stays_as_it_was()
    {
        using var train = _data.Train.Take(256);
        var model = TrainingFixture.SmallModel();
        var frozen = model.named_parameters().Single(p => p.name == "fc1.weight").parameter;
        frozen.requires_grad = false;
        var before = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.clone());

        new Trainer(new TrainerOptions { Epochs = 1, Seed = 1, Device = "cpu", OutputDirectory = null }, new RecordingReporter()).Fit(model, train);

        foreach (var (name, parameter) in model.named_parameters())
            Assert.Equal(name == "fc1.weight", parameter.equal(before[name]).all().item<bool>());
    }

    [Fact]
    public void Resuming_the_default_optimizers_checkpoint_with_another_optimizer_says_so()
    {
        using var train = _data.Train.Take(128);
        string folder = Directory.CreateTempSubdirectory("vit-flat-").FullName;
        try
        {
            var options = new TrainerOptions { Epochs = 1, Seed = 1, Device = "cpu", OutputDirectory = folder };
            new Trainer(options, new RecordingReporter()).Fit(TrainingFixture.SmallModel(), train);

            var mine = options with { Epochs = 2, Resume = true, Optimizer = parameters => optim.Adam(parameters, 3e-4) };
            var error = Assert.Throws<CheckpointException>(() => new Trainer(mine, new RecordingReporter()).Fit(TrainingFixture.SmallModel(), train));

            Assert.Contains("last.ckpt: the optimizer state does not fit this optimizer", error.Message);
            Assert.Contains("resume with the optimizer that wrote it", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
