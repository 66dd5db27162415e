using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using ViT.Benchmarks.Timing;
using ViT.Samples.Models;
using static TorchSharp.torch;

namespace ViT.Benchmarks;

/// <summary>
/// Inference speed of ONNX Runtime against TorchSharp on the CPU, for each sample model at batch 1 and 64: the model is
/// exported to memory and loaded with ONNX Runtime's defaults (full graph optimisations, a thread per core); TorchSharp
/// runs the same weights in eval mode without gradients. Each round times both engines back to back on the same
/// batch, alternating which goes first, so that a change in the machine's load falls on both; reports the median and
/// the range of images/s over the rounds, and the largest relative difference of their outputs.
/// Run: <c>dotnet run -c Release --project ViT.Benchmarks -- onnx [rounds] [threads]</c>; with threads, both engines
/// use that many (one is the fairest comparison on a machine shared with other work, where spinning thread pools stall).
/// </summary>
public static class OnnxInferenceSpeed
{
    public static void Run(int rounds, int? threads = null)
    {
        if (threads is int count) torch.set_num_threads(count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Images/s, median (min-max) of {rounds} alternating rounds; CPU, {Environment.ProcessorCount} cores, TorchSharp threads {torch.get_num_threads()}, ONNX Runtime threads {threads?.ToString(CultureInfo.InvariantCulture) ?? "its default"}."));
        Console.WriteLine("model    | batch | TorchSharp              | ONNX Runtime            | ORT/TS | max rel. diff");
        foreach (var entry in TutorialModels.All)
        {
            torch.manual_seed(42);
            using var model = entry.Create();
            model.eval();
            using var stream = new MemoryStream();
            model.ExportOnnx(stream);
            using var options = new SessionOptions();
            if (threads is int intraOp) options.IntraOpNumThreads = intraOp;
            using var session = new InferenceSession(stream.ToArray(), options);
            foreach (long batch in new long[] { 1, 64 })
            {
                using var scope = NewDisposeScope();
                var images = rand(new[] { batch }.Concat(entry.Summary.InputShape).ToArray(), generator: new Generator(7));
                float[] values = images.data<float>().ToArray();
                int calls = batch == 1 ? 64 : 2; // 64 and 128 images per timing
                float[] torchOutput = RunTorchSharp(model, images, 1);
                float[] onnxOutput = RunOnnx(session, values, images.shape, 1);
                double difference = torchOutput.Zip(onnxOutput, (t, o) => Math.Abs((double)t - o)).Max() / torchOutput.Max(v => Math.Abs((double)v));

                var torchRates = new List<double>();
                var onnxRates = new List<double>();
                for (int round = 0; round < rounds; round++)
                {
                    double Ts() => Rate(() => RunTorchSharp(model, images, calls), batch * calls);
                    double Ort() => Rate(() => RunOnnx(session, values, images.shape, calls), batch * calls);
                    if (round % 2 == 0) { torchRates.Add(Ts()); onnxRates.Add(Ort()); }
                    else { onnxRates.Add(Ort()); torchRates.Add(Ts()); }
                }

                double ratio = Statistics.Quantile(torchRates.Zip(onnxRates, (t, o) => o / t).ToList(), 0.5);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{entry.Name,-8} | {batch,5} | {Summary(torchRates),-23} | {Summary(onnxRates),-23} | {ratio,5:F2}x | {difference:E1}"));
            }
        }
    }

    static float[] RunTorchSharp(nn.Module<Tensor, Tensor> model, Tensor images, int calls)
    {
        using var noGrad = no_grad();
        float[] last = Array.Empty<float>();
        for (int i = 0; i < calls; i++)
        {
            using var output = model.forward(images);
            last = output.data<float>().ToArray();
        }

        return last;
    }

    static float[] RunOnnx(InferenceSession session, float[] images, long[] shape, int calls)
    {
        float[] last = Array.Empty<float>();
        using var input = OrtValue.CreateTensorValueFromMemory(images, shape);
        using var options = new RunOptions();
        for (int i = 0; i < calls; i++)
        {
            using var outputs = session.Run(options, session.InputNames, new[] { input }, session.OutputNames);
            last = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }

        return last;
    }

    static double Rate(Action run, long images)
    {
        var clock = Stopwatch.StartNew();
        run();
        return images / clock.Elapsed.TotalSeconds;
    }

    static string Summary(IReadOnlyList<double> rates) => string.Create(CultureInfo.InvariantCulture,
        $"{Statistics.Quantile(rates, 0.5),7:N0} ({rates.Min():N0}-{rates.Max():N0})");
}
