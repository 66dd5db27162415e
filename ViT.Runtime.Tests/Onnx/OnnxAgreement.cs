using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Onnx;

/// <summary>Exports a model, runs the file in ONNX Runtime and TorchSharp on the same batch, and measures how far apart the outputs are.</summary>
internal static class OnnxAgreement
{
    /// <summary>The tolerance of the issue: the largest difference, relative to the largest output, at most 1e-4.</summary>
    public const double Tolerance = 1e-4;

    /// <summary>The model's ONNX export, in memory.</summary>
    public static byte[] Export(nn.Module<Tensor, Tensor> model)
    {
        using var stream = new MemoryStream();
        model.ExportOnnx(stream);
        return stream.ToArray();
    }

    /// <summary>
    /// Gives every parameter and buffer random values (running variances in [0.5, 1.5]), so that a swapped weight and
    /// bias, scale and shift or mean and variance changes the outputs: fresh norms are all ones and zeros.
    /// </summary>
    public static void Randomize(nn.Module model, int seed)
    {
        using var noGrad = no_grad();
        var generator = new Generator((ulong)seed);
        foreach (var (name, tensor) in model.state_dict())
        {
            if (!tensor.is_floating_point()) continue;
            if (name.EndsWith("running_var", StringComparison.Ordinal)) tensor.uniform_(0.5, 1.5, generator);
            else tensor.add_(randn(tensor.shape, generator: generator) * 0.2);
        }
    }

    /// <summary>Random inputs <c>[batch, shape...]</c>, seeded.</summary>
    public static Tensor Inputs(IReadOnlyList<long> shape, long batch, int seed) =>
        rand(new[] { batch }.Concat(shape).ToArray(), generator: new Generator((ulong)seed));

    /// <summary>The TorchSharp outputs in inference form (eval, no gradients, float32 products), flattened.</summary>
    public static float[] Torch(nn.Module<Tensor, Tensor> model, Tensor inputs)
    {
        Float32Reference.InFloat32(model).eval(); // an exported graph computes in float32 whatever the model's [Precision]
        using var noGrad = no_grad();
        using var output = model.forward(inputs);
        return output.data<float>().ToArray();
    }

    /// <summary>ONNX Runtime's output for <paramref name="inputs"/>, flattened, and its shape.</summary>
    public static (float[] Values, long[] Shape) Run(InferenceSession session, Tensor inputs)
    {
        float[] values = inputs.data<float>().ToArray();
        using var input = OrtValue.CreateTensorValueFromMemory(values, inputs.shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, session.InputNames, new[] { input }, session.OutputNames);
        return (outputs[0].GetTensorDataAsSpan<float>().ToArray(), outputs[0].GetTensorTypeAndShape().Shape);
    }

    /// <summary>A session with ONNX Runtime's full graph optimisations (or none), so that the file passes its load-time checks as users run it.</summary>
    public static InferenceSession Session(byte[] model, bool optimise = true)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = optimise ? GraphOptimizationLevel.ORT_ENABLE_ALL : GraphOptimizationLevel.ORT_DISABLE_ALL,
            IntraOpNumThreads = 1,
        };
        return new InferenceSession(model, options);
    }

    /// <summary>max |actual − expected| / max |expected|: the worst difference on the scale of the outputs.</summary>
    public static double MaxRelativeDifference(float[] actual, float[] expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = expected.Max(v => Math.Abs((double)v)), worst = 0;
        for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs((double)actual[i] - expected[i]));
        Assert.True(scale > 0, "the outputs are all zero, which compares nothing");
        return worst / scale;
    }

    /// <summary>
    /// Exports <paramref name="model"/> (randomised), loads the file once, and compares ONNX Runtime's outputs with
    /// TorchSharp's for a batch of 1 and one of 64 from that one session; returns the worst relative difference.
    /// </summary>
    public static double Check(nn.Module<Tensor, Tensor> model, int seed, bool optimise = true)
    {
        using var scope = NewDisposeScope();
        Randomize(model, seed);
        var summary = ((IGeneratedModel)model).Summary;
        using var session = Session(Export(model), optimise);
        double worst = 0;
        foreach (long batch in new long[] { 1, 64 })
        {
            var inputs = Inputs(summary.InputShape, batch, seed + (int)batch);
            var (values, shape) = Run(session, inputs);
            Assert.Equal(new[] { batch }.Concat(summary.OutputShape), shape);
            double difference = MaxRelativeDifference(values, Torch(model, inputs));
            Assert.True(difference <= Tolerance, $"{summary.ModelName}, batch {batch}: ONNX Runtime's outputs differ from TorchSharp's by {difference:E2} of their scale (tolerance {Tolerance:E0})");
            worst = Math.Max(worst, difference);
        }

        return worst;
    }
}
