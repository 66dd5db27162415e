using System.Security.Cryptography;
using ViT.Training;
using ViT.Training.Callbacks;

namespace ViT.Runtime.Tests.Training;

/// <summary>
/// Issue 13's checkpoint faults: each a clear error or a repair, and the files of the earlier run unchanged byte for byte
/// where the fit refuses to go on.
/// </summary>
public sealed class CheckpointFaultTests : IClassFixture<TrainingFixture>, IDisposable
{
    readonly TrainingFixture _data;
    readonly string _out = Directory.CreateTempSubdirectory("vit-checkpoint-faults-").FullName;

    public CheckpointFaultTests(TrainingFixture data) => _data = data;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    TrainerOptions Options(int epochs) => new() { Epochs = epochs, BatchSize = 64, LearningRate = 3e-3, Seed = 7, Device = "cpu", OutputDirectory = _out };

    string Checkpoints => Path.Combine(_out, "checkpoints");
    string Last => Path.Combine(Checkpoints, "last.ckpt");

    FitResult Fit(TrainerOptions options, RecordingReporter? reporter = null)
    {
        using var train = _data.Train.Take(640);
        return new Trainer(options.ReportingTo(reporter ?? new RecordingReporter())).Fit(TrainingFixture.SmallModel(), train);
    }

    Dictionary<string, string> Hashes() => Directory.GetFiles(_out, "*", SearchOption.AllDirectories)
        .ToDictionary(file => Path.GetRelativePath(_out, file), file => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_folder_named_last_ckpt_is_refused_before_training_and_nothing_is_rewritten(bool resume)
    {
        Fit(Options(1));
        File.Delete(Last);
        Directory.CreateDirectory(Last);
        var before = Hashes();
        var reporter = new RecordingReporter();

        var error = Assert.Throws<CheckpointException>(() => Fit(Options(2) with { Resume = resume }, reporter));

        Assert.Equal(Last, error.FilePath);
        Assert.Contains("is a folder", error.Message);
        Assert.Empty(reporter.Steps);
        Assert.Equal(before, Hashes());
    }

    [Fact]
    public void Resume_without_a_checkpoint_says_it_starts_from_scratch()
    {
        var reporter = new RecordingReporter();

        Fit(Options(1) with { Resume = true }, reporter);

        Assert.Contains($"No checkpoint at {Last}: training from scratch.", reporter.Messages);
    }

    [Fact]
    public void A_corrupt_last_checkpoint_names_the_epoch_checkpoints_and_ResumeFrom_continues_from_one()
    {
        Fit(Options(2));
        byte[] bytes = File.ReadAllBytes(Last);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(Last, bytes);
        var before = Hashes();

        var error = Assert.Throws<CheckpointException>(() => Fit(Options(3) with { Resume = true }));
        Assert.Contains("SHA-256 does not match", error.Message);
        Assert.Contains($"ResumeFrom; the sample's --resume-from): {Path.Combine(Checkpoints, "epoch-2.ckpt")}, {Path.Combine(Checkpoints, "epoch-1.ckpt")}.", error.Message);
        Assert.Equal(before, Hashes());

        var reporter = new RecordingReporter();
        var resumed = Fit(Options(3) with { ResumeFrom = Path.Combine(Checkpoints, "epoch-2.ckpt") }, reporter);

        Assert.Contains(reporter.Messages, m => m.StartsWith($"Resumed from {Path.Combine(Checkpoints, "epoch-2.ckpt")}: 2 of 3 epochs done"));
        Assert.Equal([1, 2, 3], resumed.History.Select(m => m.Epoch));
        Assert.Equal(10, resumed.ImagesTrained / 64); // one epoch of 640 images
        Assert.Equal(3, CheckpointFile.ReadState(Last).Epoch); // last.ckpt is whole again
    }

    [Fact]
    public void A_missing_ResumeFrom_checkpoint_is_an_error_naming_it()
    {
        string missing = Path.Combine(Checkpoints, "epoch-9.ckpt");

        var error = Assert.Throws<CheckpointException>(() => Fit(Options(1) with { ResumeFrom = missing }));

        Assert.Equal($"{missing}: no such checkpoint.", error.Message);
    }

    [Fact]
    public void An_epoch_checkpoint_torn_by_a_crash_is_rewritten_when_training_resumes()
    {
        Fit(Options(2));
        string epoch2 = Path.Combine(Checkpoints, "epoch-2.ckpt");
        byte[] whole = File.ReadAllBytes(epoch2);
        File.WriteAllBytes(epoch2, whole[..(whole.Length / 3)]); // what kill -9 during File.Copy left

        var reporter = new RecordingReporter();
        Fit(Options(3) with { Resume = true }, reporter);

        Assert.Equal(whole, File.ReadAllBytes(epoch2));
        Assert.Contains($"Rewrote {epoch2} from {Last}: it was missing or damaged.", reporter.Messages);
    }

    [Fact]
    public void A_crash_while_writing_an_epoch_checkpoint_leaves_no_torn_file_and_no_temporary_file()
    {
        int writes = 0;
        // Epoch 1: last.ckpt (write 1), epoch-1.ckpt (write 2); epoch 2: last.ckpt (3), then epoch-2.ckpt dies midway (4).
        var checkpoints = new ModelCheckpoint(Checkpoints) { WriteHook = stream => ++writes == 4 ? new FailingStream(stream, failAfterBytes: 5000) : stream };

        Assert.Throws<IOException>(() => Fit(Options(2) with { Callbacks = [checkpoints] }));

        Assert.Equal(["epoch-1.ckpt", "last.ckpt"], Directory.GetFiles(Checkpoints).Select(Path.GetFileName).Order());
        Assert.Equal((2, true), (CheckpointFile.ReadState(Last).Epoch, CheckpointFile.ReadState(Last).EpochFinished));
    }

    [Fact]
    public void Temporary_files_left_by_a_killed_run_are_removed_and_a_running_ones_kept()
    {
        Directory.CreateDirectory(Checkpoints);
        string orphan = Path.Combine(Checkpoints, $".last.ckpt.{int.MaxValue}.tmp"); // no process has this id
        string live = Path.Combine(Checkpoints, $".best.ckpt.{Environment.ProcessId}.tmp"); // this process is running
        File.WriteAllText(orphan, "half a checkpoint");
        File.WriteAllText(live, "being written");
        var reporter = new RecordingReporter();

        Fit(Options(1), reporter);

        Assert.False(File.Exists(orphan));
        Assert.True(File.Exists(live));
        Assert.Contains($"Removed {orphan}, left by a run that stopped while writing it.", reporter.Messages);
    }
}
