using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using ViT.Samples;
using ViT.Training;

namespace ViT.Runtime.Tests.Samples;

/// <summary>The sample's resume paths and Ctrl+C, as a user meets them; files of the earlier run are compared by hash.</summary>
public sealed class SampleFaultTests : IDisposable
{
    readonly string _out = Directory.CreateTempSubdirectory("vit-sample-faults-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    static (int ExitCode, string Error) Run(params string[] args)
    {
        var error = new StringWriter();
        int exitCode = SampleProgram.CommandLine().Invoke(args, new System.CommandLine.InvocationConfiguration { Error = error });
        return (exitCode, error.ToString());
    }

    string[] Quick(int epochs, params string[] more) => ["--model", "timm", "--limit", "128", "--epochs", $"{epochs}", "--out", _out, "--device", "cpu", .. more];

    Dictionary<string, (string Hash, DateTime Written)> Files() => Directory.GetFiles(_out, "*", SearchOption.AllDirectories)
        .ToDictionary(file => Path.GetRelativePath(_out, file), file => (Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))), File.GetLastWriteTimeUtc(file)));

    [Fact]
    public void A_refused_resume_rewrites_no_file_of_the_earlier_run()
    {
        Assert.Equal(0, Run(Quick(1)).ExitCode);
        var before = Files();

        // Another batch size would also draw another samples.png: before the fix the refused resume had rewritten it.
        var (exitCode, error) = Run(Quick(1, "--batch-size", "32", "--resume"));

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"error: {Path.Combine(_out, "timm", "checkpoints", "last.ckpt")}: it was written by a run with other options (BatchSize: checkpoint 64, this run 32)", error);
        Assert.Equal(before, Files());
    }

    [Fact]
    public void A_resume_on_another_limit_is_refused_before_any_file_is_rewritten()
    {
        Assert.Equal(0, Run(Quick(1)).ExitCode);
        var before = Files();

        var (exitCode, error) = Run(Quick(1, "--resume").Select(arg => arg == "128" ? "256" : arg).ToArray()); // --limit 256

        Assert.Equal(1, exitCode);
        string data = Path.Combine(ViT.Samples.SampleData.MnistDirectory, "train-images-idx3-ubyte.gz");
        Assert.StartsWith($"error: {Path.Combine(_out, "timm", "checkpoints", "last.ckpt")}: it was trained on other data (checkpoint 128 images (the first 128 of {data}", error);
        Assert.Contains("this run 256 (the first 256 of", error);
        Assert.Equal(before, Files());
    }

    [Fact]
    public void A_damaged_last_checkpoint_points_to_resume_from_which_continues_from_the_epoch_checkpoint()
    {
        Assert.Equal(0, Run(Quick(1)).ExitCode);
        string checkpoints = Path.Combine(_out, "timm", "checkpoints");
        File.WriteAllBytes(Path.Combine(checkpoints, "last.ckpt"), "VITCKPT1"u8.ToArray());

        var (exitCode, error) = Run(Quick(2, "--resume"));
        Assert.Equal(1, exitCode);
        Assert.Contains($"--resume-from): {Path.Combine(checkpoints, "epoch-1.ckpt")}.", error);

        Assert.Equal(0, Run(Quick(2, "--resume-from", Path.Combine(checkpoints, "epoch-1.ckpt"))).ExitCode);
        Assert.Equal((2, true), (CheckpointFile.ReadState(Path.Combine(checkpoints, "last.ckpt")).Epoch, CheckpointFile.ReadState(Path.Combine(checkpoints, "epoch-2.ckpt")).EpochFinished));
    }

    [Fact]
    public void Resume_from_needs_one_model()
    {
        var (exitCode, error) = Run("--resume-from", Path.Combine(_out, "x.ckpt"), "--out", _out);

        Assert.Equal(1, exitCode);
        Assert.Contains("--resume-from names one model's checkpoint: add --model tutorial or --model timm.", error);
    }

    /// <summary>
    /// SIGINT, what Ctrl+C sends; but a shell starts background jobs with SIGINT ignored and children inherit that (a
    /// CI script run with &amp;), so there the sample can only be reached by SIGTERM, which it handles the same way.
    /// </summary>
    static string Interrupt => File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal)) is { } line
        && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & (1UL << 1)) != 0 ? "-TERM" : "-INT";

    [Fact]
    public async Task Ctrl_C_stops_after_the_step_in_progress_saves_a_checkpoint_and_says_how_to_resume()
    {
        if (!OperatingSystem.IsLinux()) return; // sends a POSIX signal
        // 2,000 steps of 4 images an epoch: the plain progress line at step 100 shows training is under way, and the
        // epoch is long enough (several seconds even when fast) that the signal lands inside it on a loaded machine.
        string sample = Path.Combine(AppContext.BaseDirectory, "ViT.Samples");
        var start = new ProcessStartInfo(sample, ["--model", "timm", "--limit", "8000", "--batch-size", "4", "--epochs", "2", "--out", _out, "--device", "cpu"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var signalled = new TaskCompletionSource();
        process.ErrorDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        process.BeginErrorReadLine();
        // Standard output is read on a thread of its own, which sends the signal the moment step 100 is reported: with
        // the thread pool busy (the rest of the suite runs in parallel), an event handler could see the line only after
        // training had ended.
        var reader = new Thread(() =>
        {
            while (process.StandardOutput.ReadLine() is { } line)
            {
                lock (output) output.AppendLine(line);
                if (!signalled.Task.IsCompleted && line.StartsWith("epoch 1/2 step 100/2000", StringComparison.Ordinal))
                {
                    using (var kill = Process.Start("kill", [Interrupt, process.Id.ToString()])!) kill.WaitForExit();
                    signalled.TrySetResult();
                }
            }
        }) { IsBackground = true };
        reader.Start();

        await signalled.Task.WaitAsync(TimeSpan.FromMinutes(10)); // generous: a loaded 2-core machine trains slowly
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        reader.Join(TimeSpan.FromMinutes(1));

        string text = output.ToString();
        Assert.Equal(Interrupt == "-INT" ? TutorialRun.InterruptedExitCode : 143, process.ExitCode); // 128 + the signal's number
        Assert.Contains("stopping after the step or file in progress, saving a checkpoint when training", text);
        Assert.Contains($"Resume with: dotnet run --project ViT.Samples -- --model timm --epochs 2 --batch-size 4 --lr 0.0003 --lr-schedule constant --seed 42 --limit 8000 --device cpu --out {_out} --resume", text);
        Assert.DoesNotContain("   at ", text);
        var saved = CheckpointFile.ReadState(Path.Combine(_out, "timm", "checkpoints", "last.ckpt"));
        Assert.Equal(1, saved.Epoch);
        Assert.False(saved.EpochFinished);
        Assert.InRange(saved.StepsDoneInEpoch, 100, 1999);
        Assert.Contains($"Training stopped at epoch 1 after {saved.StepsDoneInEpoch} steps of it.", text);
    }
}
