using TorchSharp;
using ViT.Samples.Models;
using ViT.Training;
using ViT.Training.Callbacks;
using ViT.Weights;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Training;

/// <summary>Weights out of training: the trainer's final safetensors beside its checkpoints, and a checkpoint turned into one.</summary>
public sealed class FinalWeightsTests : IClassFixture<TrainingFixture>, IDisposable
{
    readonly TrainingFixture _data;
    readonly string _out = Directory.CreateTempSubdirectory("vit-final-weights-").FullName;

    public FinalWeightsTests(TrainingFixture data) => _data = data;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    TrainerOptions Options(int epochs) => new() { Epochs = epochs, BatchSize = 64, LearningRate = 1e-3, Seed = 7, Device = "cpu", OutputDirectory = _out };

    static float[] Outputs(nn.Module<Tensor, Tensor> model, Tensor images)
    {
        model.eval();
        using var _ = torch.no_grad();
        return model.forward(images).data<float>().ToArray();
    }

    [Fact]
    public void A_fit_writes_the_trained_weights_as_safetensors_beside_its_checkpoints()
    {
        using var train = _data.Train.Take(256);
        var reporter = new RecordingReporter();
        using var model = new LeNet();

        new Trainer(Options(2), reporter).Fit(model, train);

        string path = Path.Combine(_out, "checkpoints", "final.safetensors");
        Assert.Contains($"Wrote {path}", reporter.Messages);
        torch.manual_seed(99);
        using var reloaded = new LeNet();
        var report = ModelWeights.Load(reloaded, path);
        Assert.True(report.IsExact, report.ToString());
        using var images = torch.rand(8, 1, 28, 28);
        Assert.Equal(Outputs(model, images), Outputs(reloaded, images));
        Assert.Equal("LeNet", ModelWeights.ReadMetadata(path)[ModelWeights.ModelKey]);
        Assert.Contains("61,706", ModelWeights.ReadMetadata(path)[ModelWeights.SummaryKey]);
    }

    [Fact]
    public void The_final_weights_go_beside_a_checkpoint_callback_of_the_users()
    {
        using var train = _data.Train.Take(128);
        string folder = Path.Combine(_out, "mine");

        new Trainer(Options(1) with { Callbacks = [new ModelCheckpoint(folder)] }, new RecordingReporter()).Fit(TrainingFixture.SmallModel(), train);

        Assert.True(File.Exists(Path.Combine(folder, FinalWeightsWriter.DefaultFileName)));
        Assert.False(File.Exists(Path.Combine(_out, "checkpoints", FinalWeightsWriter.DefaultFileName)));
    }

    [Fact]
    public void A_checkpoint_becomes_a_safetensors_file_with_one_call()
    {
        using var train = _data.Train.Take(128);
        using var trained = new LeNet();
        new Trainer(Options(1), new RecordingReporter()).Fit(trained, train);
        string checkpoint = Path.Combine(_out, "checkpoints", "epoch-1.ckpt");
        string path = Path.Combine(_out, "epoch-1.safetensors");

        using var model = new LeNet();
        var state = CheckpointFile.ExportWeights(checkpoint, model, path);

        Assert.Equal(1, state.Epoch);
        using var reloaded = new LeNet();
        ModelWeights.Load(reloaded, path);
        using var images = torch.rand(8, 1, 28, 28);
        Assert.Equal(Outputs(trained, images), Outputs(reloaded, images));
    }
}
