namespace ViT.Runtime.Tests.Samples;

/// <summary>The sample's <c>finetune</c> command on a small slice of MNIST: every phase runs and the table is written.</summary>
public sealed class FineTuneRunTests : IDisposable
{
    readonly string _work = Directory.CreateTempSubdirectory("vit-finetune-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void Finetune_trains_a_body_on_digits_0_to_4_and_compares_its_new_head_on_5_to_9_with_training_from_scratch()
    {
        string data = SmallMnist.Write(Path.Combine(_work, "mnist"), train: 400, test: 200);
        string output = Path.Combine(_work, "out");
        var console = new StringWriter();
        var original = Console.Out;
        Console.SetOut(console);
        int exitCode;
        try
        {
            exitCode = ViT.Samples.SampleProgram.CommandLine().Invoke(["finetune", "--data", data, "--epochs", "1", "--batch-size", "32", "--out", output, "--device", "cpu"]);
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.True(exitCode == 0, console.ToString());
        string printed = console.ToString();
        Assert.Contains($"left out as asked: head.bias, head.weight.", printed);
        Assert.Contains("Trainable parameters: 505; frozen: 370,900", printed);
        string[] table = File.ReadAllLines(Path.Combine(output, "finetune", "finetune.txt"));
        Assert.Equal(6, table.Length);
        Assert.StartsWith("digits 0-4 from scratch (test on 0-4)", table[2]);
        Assert.StartsWith("digits 5-9 from scratch", table[3]);
        Assert.Matches(@"^digits 5-9: then every layer at rate / 10 +\|      2 \| +\d+ s \| +\d+\.\d\d ?%$", table[5]);
    }
}
