using System.CommandLine;
using TorchSharp;
using ViT.Benchmarks.Memory;
using ViT.Benchmarks.Models;
using ViT.Benchmarks.Overhead;
using ViT.Benchmarks.Research;
using ViT.Benchmarks.Throughput;
using ViT.Benchmarks.Timing;
using ViT.Training;

namespace ViT.Benchmarks.Cli;

/// <summary>
/// The quick commands (<c>throughput</c>, <c>memory</c>, <c>research</c>, <c>accuracy</c>, <c>overhead</c>, <c>loader</c>, <c>onnx</c>); any other arguments go to
/// BenchmarkDotNet's switcher.
/// </summary>
public sealed class BenchmarkCommandLine
{
    /// <summary>The subcommands this class parses.</summary>
    public static readonly string[] Commands = ["throughput", "memory", "research", "accuracy", "overhead", "loader", "onnx"];

    readonly Option<string> _model = new("--model", "-m") { Description = "Which model: " + string.Join(", ", BenchmarkModels.Names) + " or all.", DefaultValueFactory = _ => "all" };
    readonly Option<int> _steps = new("--steps", "-n") { Description = "Timed training steps (and inference batches) per model form.", DefaultValueFactory = _ => 200 };
    readonly Option<int> _threads = new("--threads", "-t") { Description = "TorchSharp's intra-op threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
    readonly Option<string> _precision = new("--precision", "-p") { Description = "fp32, bf16 or all.", DefaultValueFactory = _ => "fp32" };
    readonly Option<string> _clock = new("--clock")
    {
        Description = "wall (elapsed time) or cpu (the timing thread's CPU time: with --threads 1 it measures the work even on a busy machine).",
        DefaultValueFactory = _ => "wall",
    };

    readonly Option<string> _memoryFormat = new("--memory-format")
    {
        Description = "contiguous or channels-last: how both forms store convolution weights and images (channels-last is oneDNN's preferred layout on CPUs).",
        DefaultValueFactory = _ => "contiguous",
    };

    readonly Option<string> _heap = new("--heap")
    {
        Description = "system (the C library's allocator as it comes) or keep (NativeHeap.KeepFreedMemory, as ViT#'s trainer does on a CPU: freed memory stays for the next step). It cannot be undone in a process: tools/heap_gain.sh alternates processes.",
        DefaultValueFactory = _ => "system",
    };

    /// <summary>Builds the commands.</summary>
    public BenchmarkCommandLine()
    {
        _model.AcceptOnlyFromAmong([.. BenchmarkModels.Names, "all"]);
        _precision.AcceptOnlyFromAmong("fp32", "bf16", "all");
        _clock.AcceptOnlyFromAmong("wall", "cpu");
        _heap.AcceptOnlyFromAmong("system", "keep");
        _memoryFormat.AcceptOnlyFromAmong("contiguous", "channels-last");
        _steps.Validators.Add(result => { if (result.GetValueOrDefault<int>() < 1) result.AddError("--steps must be at least 1."); });
        _threads.Validators.Add(result => { if (result.GetValueOrDefault<int>() < 1) result.AddError("--threads must be at least 1."); });

        Root = new RootCommand("ViT# benchmarks. Quick commands below; any other arguments run BenchmarkDotNet (for example --filter '*').");

        var throughput = new Command("throughput", "Generated against hand-written models, alternating: one parseable line per model and precision.");
        Add(throughput, _model, _steps, _threads, _precision, _clock, _heap, _memoryFormat);
        throughput.SetAction(result =>
        {
            Threads(result);
            Heap(result);
            ThroughputCommand.Run(BenchmarkModels.Select(result.GetValue(_model)!), Precisions(result), result.GetValue(_steps), Clock(result),
                result.GetValue(_memoryFormat) == "channels-last", Console.Out, Console.Error);
        });
        Root.Subcommands.Add(throughput);

        var memoryModel = new Option<int>("--steps", "-n") { Description = "Training steps.", DefaultValueFactory = _ => 10_000 };
        var memory = new Command("memory", "Peak working set and growth over many training steps, per model.");
        Add(memory, _model, memoryModel, _threads, _precision, _heap);
        memory.SetAction(result =>
        {
            Threads(result);
            Heap(result);
            foreach (var precision in Precisions(result))
                MemoryCommand.Run(BenchmarkModels.Select(result.GetValue(_model)!), precision, result.GetValue(memoryModel), Console.Out, Console.Error);
        });
        Root.Subcommands.Add(memory);

        var study = new Option<string>("--study", "-s") { Description = "Which study: " + string.Join(", ", ResearchStudies.Names) + " or all.", DefaultValueFactory = _ => "all" };
        study.AcceptOnlyFromAmong([.. ResearchStudies.Names, "all"]);
        var research = new Command("research", "The performance studies of docs/performance.md: hand-written variants against the plain baseline, alternating.");
        Add(research, study, _steps, _threads, _precision, _clock);
        research.SetAction(result =>
        {
            Threads(result);
            ResearchStudies.Run(result.GetValue(study)!, Precisions(result), result.GetValue(_steps), Clock(result), Console.Out, Console.Error);
        });
        Root.Subcommands.Add(research);

        var epochs = new Option<int>("--epochs", "-e") { Description = "Training epochs per run.", DefaultValueFactory = _ => 5 };
        var seeds = new Option<int[]>("--seeds") { Description = "Seeds, one run each.", DefaultValueFactory = _ => [42], AllowMultipleArgumentsPerToken = true };
        var accuracy = new Command("accuracy", "MNIST test accuracy of the generated models in float32 and with bfloat16 products after the tutorial's recipe.");
        Add(accuracy, _model, epochs, seeds, _threads, _precision);
        accuracy.SetAction(result =>
        {
            Threads(result);
            AccuracyStudy.Run(BenchmarkModels.Select(result.GetValue(_model)!), Precisions(result), result.GetValue(epochs), result.GetValue(seeds)!, Console.Out, Console.Error);
        });
        Root.Subcommands.Add(accuracy);

        var rounds = new Argument<int>("rounds") { Description = "Pairs of 20-step runs.", DefaultValueFactory = _ => 30 };
        var overhead = new Command("overhead", "The trainer's overhead over a bare loop, in alternating pairs.");
        overhead.Arguments.Add(rounds);
        overhead.SetAction(result => PairedOverhead.Run(result.GetValue(rounds)));
        Root.Subcommands.Add(overhead);

        var folder = new Argument<string>("folder") { Description = "The image folder (written from MNIST the first time).", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "vit-mnist-folder") };
        var loaderRounds = new Argument<int>("rounds") { Description = "Alternating pairs.", DefaultValueFactory = _ => 6 };
        var loaderSteps = new Argument<int>("steps") { Description = "Batches of 64 per epoch.", DefaultValueFactory = _ => 40 };
        var loader = new Command("loader", "What prefetching batches gains per training step, in alternating pairs.");
        loader.Arguments.Add(folder);
        loader.Arguments.Add(loaderRounds);
        loader.Arguments.Add(loaderSteps);
        loader.SetAction(result => LoaderGain.Run(result.GetValue(folder)!, result.GetValue(loaderRounds), result.GetValue(loaderSteps)));
        Root.Subcommands.Add(loader);

        var onnxRounds = new Argument<int>("rounds") { Description = "Alternating rounds per model and batch size.", DefaultValueFactory = _ => 7 };
        var onnxThreads = new Argument<int?>("threads") { Description = "Threads for both engines (default: TorchSharp's and ONNX Runtime's own).", DefaultValueFactory = _ => null };
        var onnx = new Command("onnx", "Inference speed of ONNX Runtime against TorchSharp on the same weights, alternating.");
        onnx.Arguments.Add(onnxRounds);
        onnx.Arguments.Add(onnxThreads);
        onnx.SetAction(result => OnnxInferenceSpeed.Run(result.GetValue(onnxRounds), result.GetValue(onnxThreads)));
        Root.Subcommands.Add(onnx);
    }

    /// <summary>The root command; <c>Root.Parse(args).Invoke()</c> runs it.</summary>
    public RootCommand Root { get; }

    static void Add(Command command, params Option[] options)
    {
        foreach (var option in options) command.Options.Add(option);
    }

    void Threads(ParseResult result) => torch.set_num_threads(result.GetValue(_threads));

    void Heap(ParseResult result)
    {
        if (result.GetValue(_heap) == "keep" && !NativeHeap.KeepFreedMemory()) throw new PlatformNotSupportedException("--heap keep needs Linux with glibc.");
    }

    TimingClock Clock(ParseResult result) => result.GetValue(_clock) == "cpu" ? TimingClock.Cpu : TimingClock.Wall;

    IReadOnlyList<BenchPrecision> Precisions(ParseResult result) => result.GetValue(_precision) switch
    {
        "bf16" => [BenchPrecision.Bf16],
        "all" => [BenchPrecision.Fp32, BenchPrecision.Bf16],
        _ => [BenchPrecision.Fp32],
    };
}
