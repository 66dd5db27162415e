using System.Security.Cryptography;
using TorchSharp;
using ViT.Samples.Models;
using ViT.Weights;

namespace ViT.Runtime.Tests.Samples;

/// <summary>
/// Every mistake a user can make on the sample's command line: exit code 1, exactly one <c>error:</c> line on
/// standard error that names the value and the fix, no stack trace, and nothing written or changed on disk.
/// </summary>
public sealed class CommandLineFaultTests : IDisposable
{
    const string Out = "{out}";   // a folder that does not exist yet
    const string File = "{file}"; // an existing file

    readonly string _folder = Directory.CreateTempSubdirectory("vit-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Arguments (with the placeholders above), then the fragments the one error line must hold.</summary>
    public static TheoryData<string[], string[]> Faults()
    {
        var rows = new TheoryData<string[], string[]>
        {
            // Values that do not parse.
            { ["--epochs", "abc"], ["--epochs", "'abc'", "whole number from 1"] },
            { ["--epochs", "2147483648"], ["--epochs", "'2147483648'", "2147483647"] },
            { ["--batch-size", "1.5"], ["--batch-size", "'1.5'", "whole number from 1"] },
            { ["--limit", "x"], ["--limit", "'x'", "whole number from 1"] },
            { ["--seed", "abc"], ["--seed", "'abc'", "whole number"] },
            { ["--lr", "fast"], ["--lr", "'fast'", "such as the tutorial's 0.0003"] },
            { ["predict", File, "--model", "timm", "--batch-size", "x"], ["--batch-size", "'x'", "whole number from 1"] },
            // Values that parse but cannot work.
            { ["--epochs", "0"], ["--epochs", "'0'", "whole number from 1"] },
            { ["--limit", "0"], ["--limit", "'0'", "whole number from 1"] },
            { ["--batch-size", "-3"], ["--batch-size", "'-3'", "whole number from 1"] },
            { ["--lr", "0"], ["--lr", "'0'", "above 0"] },
            { ["--lr", "1e300"], ["--lr", "'1e300'", "at most 1", "such as the tutorial's 0.0003"] },
            { ["--lr", "NaN"], ["--lr", "'NaN'", "such as the tutorial's 0.0003"] },
            { ["--out", ""], ["--out", "''", "such as --out out"] },
            { ["--out", File], ["--out", File, "is a file", "writable folder"] },
            { ["predict", File], ["predict", "one model", "--model timm"] },
            // What System.CommandLine itself finds, reported the same way.
            { ["--model", "vgg"], ["--model", "'vgg'", "tutorial, timm, cnn, resnet, hybrid or all"] },
            { ["summary", "--model", "vgg"], ["--model", "'vgg'", "tutorial, timm, cnn, resnet, hybrid or all"] },
            { ["--lr-schedule", "linear"], ["--lr-schedule", "'linear'", "constant or cosine"] },
            { ["--recipe", "fast"], ["--recipe", "'fast'", "tutorial or modern"] },
            { ["--warmup-epochs", "-1"], ["--warmup-epochs", "'-1'", "a number of 0 or more, such as 2"] },
            { ["--device", "tpu"], ["--device", "'tpu'", "cpu or cuda"] },
            { ["--frobnicate"], ["'--frobnicate'", "--help"] },
            { ["--resume", "maybe"], ["'maybe'", "--help"] },
            { ["--epochs", "1", "--epochs", "2"], ["--epochs", "--help"] },
            { ["--out", Out, "--epochs"], ["--epochs", "--help"] },
            { ["predict"], ["checkpoint", "--help"] },
        };
        if (OperatingSystem.IsLinux()) rows.Add(["--out", "/proc/vit-out"], ["--out", "/proc/vit-out", "writable folder"]);
        if (!torch.cuda.is_available()) rows.Add(["--device", "cuda"], ["'cuda'", "no CUDA device", "--device cpu"]);
        return rows;
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public void A_fault_is_one_error_line_naming_the_value_and_the_fix(string[] args, string[] expected)
    {
        string output = Path.Combine(_folder, "out");
        string existing = Path.Combine(_folder, "a-file.txt");
        System.IO.File.WriteAllText(existing, "not a folder");
        string Fill(string text) => text.Replace(Out, output).Replace(File, existing);
        string[] arguments = args.Select(Fill).ToArray();
        if (arguments is not ["summary", ..] && !arguments.Contains("--out")) arguments = [.. arguments, "--out", output];
        var before = Snapshot();

        var (exitCode, error) = SampleInvocation.Run(arguments);

        Assert.Equal(1, exitCode);
        string line = Assert.Single(error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        foreach (string fragment in expected) Assert.Contains(Fill(fragment), line);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void Predict_with_weights_damaged_after_saving_is_one_error_line_naming_the_file()
    {
        string weights = Path.Combine(_folder, "timm.safetensors");
        using (var model = TutorialModels.Get("timm").Create()) ModelWeights.Save(model, weights);
        byte[] bytes = System.IO.File.ReadAllBytes(weights);
        bytes[^1] ^= 0x01; // one bit of the last weight: a plausible number that loaded silently before
        System.IO.File.WriteAllBytes(weights, bytes);
        var before = Snapshot();

        var (exitCode, error) = SampleInvocation.Run("predict", weights, "--model", "timm", "--device", "cpu", "--out", Path.Combine(_folder, "out"));

        Assert.Equal(1, exitCode);
        string line = Assert.Single(error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {weights}: ", line);
        Assert.Contains("SHA-256", line);
        Assert.Equal(before, Snapshot());
    }

    /// <summary>Every file and folder under the test's folder with the SHA-256 of each file: nothing may change.</summary>
    string Snapshot() => string.Join(Environment.NewLine, Directory.EnumerateFileSystemEntries(_folder, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(path => System.IO.File.Exists(path) ? $"{path} {Convert.ToHexString(SHA256.HashData(System.IO.File.ReadAllBytes(path)))}" : path));
}
