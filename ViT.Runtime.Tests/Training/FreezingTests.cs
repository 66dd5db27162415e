using TorchSharp;
using ViT.Samples.Models;
using ViT.Training;
using ViT.Weights;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Training;

/// <summary>Fine-tuning's pieces: freezing by state-dict name, frozen batch norms, the counts the trainer prints, a body loaded under a new head.</summary>
public sealed class FreezingTests : IClassFixture<TrainingFixture>, IDisposable
{
    readonly TrainingFixture _data;
    readonly string _out = Directory.CreateTempSubdirectory("vit-freezing-").FullName;

    public FreezingTests(TrainingFixture data) => _data = data;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    /// <summary>The sample ResNet's head: the Linear at position 16.</summary>
    const string Head = "16";

    static bool Same(Tensor a, Tensor b) => a.equal(b).all().item<bool>();

    static Dictionary<string, Tensor> Copy(nn.Module model) => model.state_dict().ToDictionary(pair => pair.Key, pair => pair.Value.detach().clone());

    [Fact]
    public void Training_a_new_head_on_a_frozen_body_leaves_the_body_and_its_batch_norm_statistics_bit_identical()
    {
        using var train = _data.Train.Take(256);
        torch.manual_seed(3);
        using var model = new ResNet();
        model.FreezeAllBut(Head);
        var before = Copy(model);
        var reporter = new RecordingReporter();
        var probe = new OptimizerProbe();
        var options = new TrainerOptions { Epochs = 1, BatchSize = 32, LearningRate = 1e-2, Seed = 7, Device = "cpu", OutputDirectory = null, Callbacks = [probe] };

        new Trainer(options, reporter).Fit(model, train);

        var after = model.state_dict();
        var body = before.Keys.Where(name => !name.StartsWith(Head + ".", StringComparison.Ordinal)).ToList();
        Assert.Contains("3.1.running_mean", body);
        Assert.Contains("1.num_batches_tracked", body);
        foreach (string name in body) Assert.True(Same(before[name], after[name]), $"{name} moved while frozen");
        Assert.False(Same(before[Head + ".weight"], after[Head + ".weight"]), "the head did not train");

        // The counts the trainer printed are those the optimizer steps: the head's 650 elements.
        long stepped = probe.Elements;
        Assert.Equal(650, stepped);
        Assert.Contains(reporter.Messages, message => message.Contains($"Trainable parameters: {stepped:N0}; frozen: {ResNet.ParameterCount - stepped:N0}", StringComparison.Ordinal));
    }

    [Fact]
    public void Unfreezing_lets_every_layer_train_again_and_batch_norms_update_their_statistics()
    {
        using var train = _data.Train.Take(64);
        using var model = new ResNet();
        model.Freeze("0", "1");
        Assert.Equal(new ParameterCounts(ResNet.ParameterCount - 144 - 32, 144 + 32), ParameterCounts.Of(model));
        model.UnfreezeAll();
        var before = Copy(model);

        new Trainer(new TrainerOptions { Epochs = 1, BatchSize = 32, Seed = 7, Device = "cpu", OutputDirectory = null }, new RecordingReporter()).Fit(model, train);

        Assert.False(Same(before["0.weight"], model.state_dict()["0.weight"]));
        Assert.False(Same(before["1.running_mean"], model.state_dict()["1.running_mean"]));
    }

    [Fact]
    public void A_name_that_matches_no_parameter_is_refused_naming_the_layers_there_are()
    {
        using var model = new ResNet();
        var error = Assert.Throws<ArgumentException>(() => model.FreezeAllBut("head"));
        Assert.StartsWith("ResNet has no parameters under \"head\"; its layers with parameters are 0, 1, 3, 5, 6, 8, 10, 11, 13, 16", error.Message);
        Assert.Equal(ResNet.ParameterCount, ParameterCounts.Of(model).Trainable);
    }

    [Fact]
    public void A_trained_body_loads_strictly_under_a_new_head_and_the_report_names_what_was_left_out()
    {
        string path = Path.Combine(_out, "body.safetensors");
        torch.manual_seed(1);
        using (var trained = new ResNet()) ModelWeights.Save(trained, path);
        torch.manual_seed(2);
        using var model = new ResNet();
        var head = model.state_dict()[Head + ".weight"].detach().clone();

        var report = ModelWeights.Load(model, path, exclude: [Head]);

        Assert.Equal($"Loaded {report.Matched.Count} of the model's {model.state_dict().Count} tensors from {path}; left out as asked: {Head}.bias, {Head}.weight.", report.ToString());
        Assert.True(Same(head, model.state_dict()[Head + ".weight"]), "the excluded head was overwritten");
        var error = Assert.Throws<ArgumentException>(() => ModelWeights.Load(model, path, exclude: ["fc"]));
        Assert.Contains("under \"fc\"", error.Message);
    }

    /// <summary>Counts the elements the trainer's optimizer steps.</summary>
    sealed class OptimizerProbe : ViT.Training.Callbacks.TrainerCallback
    {
        public long Elements { get; private set; }

        public override void OnFitStart(ViT.Training.Callbacks.TrainingContext context) => Elements = context.Optimizer.parameters().Sum(parameter => parameter.numel());
    }
}
