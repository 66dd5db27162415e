using TorchSharp;
using ViT.Weights;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Weights;

public sealed class ModelWeightsTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("vit-weights-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    static nn.Module<Tensor, Tensor> Small(int hidden = 4, int seed = 1)
    {
        torch.manual_seed(seed);
        return nn.Sequential(("fc1", nn.Linear(3, hidden)), ("norm", nn.LayerNorm(hidden)), ("fc2", nn.Linear(hidden, 2)));
    }

    [Fact]
    public void Saved_weights_load_into_a_fresh_model_and_give_the_same_outputs()
    {
        var source = Small(seed: 1);
        var target = Small(seed: 2);
        string path = Path.Combine(_folder, "small.safetensors");
        using var input = torch.randn(5, 3);

        ModelWeights.Save(source, path, new Dictionary<string, string> { ["config"] = "small" });
        var report = ModelWeights.Load(target, path);

        Assert.True(report.IsExact);
        Assert.Equal(6, report.Loaded.Count);
        Assert.Equal(source.forward(input).data<float>().ToArray(), target.forward(input).data<float>().ToArray());
        Assert.Equal("small", ModelWeights.ReadMetadata(path)["config"]);
    }

    [Fact]
    public void A_strict_load_that_fails_says_in_one_message_that_nothing_was_loaded_and_why()
    {
        string path = Path.Combine(_folder, "wide.safetensors");
        var tensors = new Dictionary<string, (long[], float[])>
        {
            ["fc1.weight"] = (new long[] { 8, 3 }, new float[24]),       // shape mismatch
            ["fc1.bias"] = (new long[] { 4 }, new float[] { 9, 9, 9, 9 }),
            ["extra.weight"] = (new long[] { 1 }, new float[] { 1 }),   // unexpected
        };
        SafeTensorsFile.Write(path, tensors);
        var model = Small();
        float[] biasBefore = model.state_dict()["fc1.bias"].data<float>().ToArray();

        var error = Assert.Throws<WeightsMismatchException>(() => ModelWeights.Load(model, path));

        Assert.Equal(string.Join(Environment.NewLine,
            $"Loaded nothing from {path}: a strict load needs every tensor to fit, and 1 of the model's 6 do. The others:",
            "  shape differs: fc1.weight: the file's [8, 3] against the model's [4, 3]",
            "  missing from the file: norm.weight, norm.bias, fc2.weight, fc2.bias",
            "  in the file but not in the model: extra.weight",
            "Load with strict: false to copy the 1 that fit and leave the others as they are."), error.Message);
        Assert.Empty(error.Report.Loaded);
        Assert.DoesNotContain("tensors loaded", error.Message);
        Assert.Equal(biasBefore, model.state_dict()["fc1.bias"].data<float>().ToArray());
    }

    [Fact]
    public void Weights_damaged_after_saving_are_refused_and_the_model_keeps_its_own()
    {
        string path = Path.Combine(_folder, "damaged.safetensors");
        ModelWeights.Save(Small(seed: 1), path);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0x01; // the top byte of the last value (norm.weight, 1.0): now 0.25, a plausible weight
        File.WriteAllBytes(path, bytes);
        var model = Small(seed: 2);
        float[] before = model.state_dict()["fc2.bias"].data<float>().ToArray();

        var error = Assert.Throws<SafeTensorsFormatException>(() => ModelWeights.Load(model, path));

        Assert.StartsWith(path, error.Message);
        Assert.Equal(before, model.state_dict()["fc2.bias"].data<float>().ToArray());
    }

    [Fact]
    public void A_non_strict_load_into_a_new_head_reports_what_it_loaded_and_skipped_with_the_old_shape_against_the_new()
    {
        string path = Path.Combine(_folder, "old-head.safetensors");
        ModelWeights.Save(Small(hidden: 4, seed: 1), path);
        var model = nn.Sequential(("fc1", nn.Linear(3, 4)), ("norm", nn.LayerNorm(4)), ("fc2", nn.Linear(4, 5))); // a new 5-class head

        var report = ModelWeights.Load(model, path, strict: false);

        Assert.Equal(new[] { "fc1.weight", "fc1.bias", "norm.weight", "norm.bias" }, report.Loaded);
        Assert.Equal(string.Join(Environment.NewLine,
            $"Loaded 4 of the model's 6 tensors from {path}; skipped the rest:",
            "  shape differs: fc2.weight: the file's [2, 4] against the model's [5, 4]",
            "  shape differs: fc2.bias: the file's [2] against the model's [5]"), report.ToString());
    }

    [Fact]
    public void An_exact_load_says_it_loaded_every_tensor()
    {
        string path = Path.Combine(_folder, "exact.safetensors");
        ModelWeights.Save(Small(seed: 1), path);

        Assert.Equal($"Loaded all 6 tensors of the model from {path}.", ModelWeights.Load(Small(seed: 2), path).ToString());
    }

    [Fact]
    public void A_non_strict_load_copies_what_matches()
    {
        string path = Path.Combine(_folder, "partial.safetensors");
        SafeTensorsFile.Write(path, new Dictionary<string, (long[], float[])> { ["fc1.bias"] = (new long[] { 4 }, new float[] { 9, 8, 7, 6 }) });
        var model = Small();

        var report = ModelWeights.Load(model, path, strict: false);

        Assert.Equal(new[] { "fc1.bias" }, report.Loaded);
        Assert.Equal(5, report.Missing.Count);
        Assert.Contains("missing from the file (left as they were): fc1.weight, norm.weight, norm.bias, fc2.weight, fc2.bias", report.ToString());
        Assert.Equal(new float[] { 9, 8, 7, 6 }, model.state_dict()["fc1.bias"].data<float>().ToArray());
    }
}
