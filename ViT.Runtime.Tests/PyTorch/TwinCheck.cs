using System.Diagnostics;
using System.Text.Json;
using TorchSharp;
using ViT.Weights;
using static TorchSharp.torch;

namespace ViT.Tests.PyTorch;

/// <summary>
/// Compares generated models with their PyTorch twins: <see cref="WriteCase"/> saves what TorchSharp computes for a
/// model (weights, a batch, its logits and every parameter's gradient) beside the twin it exports, and <see cref="Run"/>
/// has Debian's PyTorch (tools/twin_check.py) import each twin, load the weights strictly and compute the same. Shared
/// by the runtime tests (sample and zoo models) and the soundness tests (random layer stacks).
/// </summary>
internal static class TwinCheck
{
    // Both sides compute in float64, so that a difference can only be a difference of the computation, not of float32
    // rounding (which, relative to the largest logit, reaches 2e-5 on a deep stack of small layers): the twin must
    // compute the same function to about the precision float64 gives.

    /// <summary>Logits, relative to the largest logit.</summary>
    public const double LogitTolerance = 1e-9;

    /// <summary>Gradients, relative to the model's largest gradient (a bias before BatchNorm has a zero gradient, which is rounding noise on both sides).</summary>
    public const double GradientTolerance = 1e-9;

    const string Python = "/usr/bin/python3";

    /// <summary>Whether the twin tests must run (CI sets <c>VIT_PYTORCH_TESTS=required</c>), turning a missing PyTorch into a failure.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("VIT_PYTORCH_TESTS") == "required";

    /// <summary>What this machine lacks to run twins, or null.</summary>
    public static string? Missing() => Availability.Value;

    /// <summary>
    /// Skips the calling test, saying why, where PyTorch (or <paramref name="alsoMissing"/>) is missing; fails it instead
    /// under <see cref="Required"/>.
    /// </summary>
    public static void SkipUnlessAvailable(string? alsoMissing = null)
    {
        string? missing = Missing() ?? alsoMissing;
        if (missing is not null && Required) Assert.Fail($"VIT_PYTORCH_TESTS=required, but {missing}.");
        Skip.If(missing is not null, missing);
    }

    static readonly Lazy<string?> Availability = new(() =>
    {
        if (!File.Exists(Python)) return $"there is no {Python} (apt-get install python3-torch)";
        var (code, _, error) = RunProcess(Python, ["-c", "import torch"]);
        return code == 0 ? null : $"{Python} cannot import torch (apt-get install python3-torch libopenblas0-pthread): {error.Trim().Split('\n')[^1]}";
    });

    /// <summary>
    /// Writes a case folder for <paramref name="model"/> (made float64): the twin, the weights, a seeded batch of
    /// <paramref name="inputShape"/> and what TorchSharp computes on it: the gradients in training mode where
    /// <paramref name="train"/> says so, or (null) where three training forwards draw nothing, else in evaluation mode.
    /// </summary>
    public static void WriteCase(string folder, nn.Module<Tensor, Tensor> model, IReadOnlyList<long> inputShape, int seed = 1, bool? train = null)
    {
        Directory.CreateDirectory(folder);
        ((IGeneratedModel)model).Precision = Precision.Float32;
        model.to(ScalarType.Float64);
        using var scope = NewDisposeScope();
        var generator = new Generator().manual_seed(seed);
        var input = randn([3, .. inputShape], ScalarType.Float64, generator: generator);
        // First, as its training forwards move BatchNorm's running statistics: the weights are saved after them.
        bool inTraining = train ?? DrawsNothing(model, input);
        ((IGeneratedModel)model).ExportPyTorch(Path.Combine(folder, "model.py"));
        SafeTensorsFile.Write(Path.Combine(folder, "weights.safetensors"), model.state_dict()); // in float64, where ModelWeights.Save writes float32
        model.eval();
        Tensor logits;
        using (no_grad()) logits = model.forward(input);
        var projection = randn(logits.shape, ScalarType.Float64, generator: generator);
        model.train(inTraining);
        model.zero_grad();
        if (model.parameters().Any()) (model.forward(input) * projection).sum().backward(); // pooling alone has nothing to learn
        var tensors = new Dictionary<string, Tensor> { ["input"] = input, ["logits"] = logits, ["projection"] = projection, ["train"] = tensor(new[] { inTraining ? 1.0 : 0.0 }) };
        foreach (var (name, parameter) in model.named_parameters())
            tensors["grad." + name] = parameter.grad is { } grad ? grad : zeros_like(parameter);
        SafeTensorsFile.Write(Path.Combine(folder, "io.safetensors"), tensors);
        model.zero_grad();
    }

    /// <summary>
    /// Whether the training forward is deterministic (no dropout, no drop path): three seeds give the same output on a
    /// batch of 64, where drop path at rate 0.1 keeps every sample with probability 0.9^64 = 0.1%.
    /// </summary>
    static bool DrawsNothing(nn.Module<Tensor, Tensor> model, Tensor input)
    {
        model.train();
        using var noGrad = no_grad();
        var probe = randn([64, .. input.shape.Skip(1)], input.dtype, generator: new Generator().manual_seed(5));
        var outputs = new[] { 11, 12, 13 }.Select(seed =>
        {
            manual_seed(seed);
            return model.forward(probe);
        }).ToList();
        return outputs.Skip(1).All(output => output.eq(outputs[0]).all().item<bool>());
    }

    /// <summary>One case's comparison: the largest relative differences, or the error the twin raised.</summary>
    public sealed record Result(string Case, double Logits, double Gradients, string Worst, string? Error)
    {
        public bool Agrees => Error is null && Logits < LogitTolerance && Gradients < GradientTolerance;

        public override string ToString() => Error ?? $"{Case}: logits {Logits:E2}, gradients {Gradients:E2} ({Worst})";
    }

    /// <summary>Runs tools/twin_check.py on the case folders, in one Python process.</summary>
    public static IReadOnlyList<Result> Run(IEnumerable<string> folders)
    {
        string script = Path.Combine(RepositoryRoot, "tools", "twin_check.py");
        var (code, output, error) = RunProcess(Python, [script, .. folders]);
        var results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var json = JsonDocument.Parse(line).RootElement;
            string name = json.GetProperty("case").GetString()!;
            return json.TryGetProperty("error", out var failure)
                ? new Result(name, double.NaN, double.NaN, "", $"{name}: {failure.GetString()}\n{json.GetProperty("trace").GetString()}")
                : new Result(name, json.GetProperty("logits").GetDouble(), json.GetProperty("gradients").GetDouble(), json.GetProperty("worst").GetString()!, null);
        }).ToList();
        if (code != 0) throw new InvalidOperationException($"twin_check.py exited with {code}: {error}");
        return results;
    }

    static string RepositoryRoot =>
        typeof(TwinCheck).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    /// <summary>Runs <paramref name="program"/> to its end; its exit code, standard output and standard error.</summary>
    public static (int Code, string Output, string Error) RunProcess(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["OMP_NUM_THREADS"] = "2";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
