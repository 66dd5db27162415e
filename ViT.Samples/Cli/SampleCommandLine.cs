using System.CommandLine;
using System.CommandLine.Invocation;
using ViT.Data;
using ViT.Samples.Models;
using ViT.Training;
using ViT.Weights;

namespace ViT.Samples.Cli;

/// <summary>
/// The sample's command line: by default it runs the whole tutorial; <c>summary</c> prints the
/// models' layer tables; <c>predict</c> evaluates a saved checkpoint.
/// </summary>
public sealed class SampleCommandLine
{
    /// <summary>The model names <c>--model</c> accepts; <c>all</c> means every one of them.</summary>
    public static readonly string[] ModelNames = TutorialModels.All.Select(entry => entry.Name).ToArray();

    /// <summary>
    /// The largest <c>--lr</c> accepted: Adam moves each weight by about the rate at every step, so beyond 1 the
    /// weights leave any useful range at once (1e300 overflowed inside Adam).
    /// </summary>
    const double MaxLearningRate = 1;

    const double TutorialLearningRate = 3e-4;

    readonly Option<string> ModelOption = new("--model", "-m")
    {
        Description = "Which model to train: tutorial, timm, cnn, resnet, hybrid, or all (tutorial, timm and cnn).",
        DefaultValueFactory = _ => "all",
    };
    readonly Option<int> EpochsOption = new("--epochs", "-e")
    {
        Description = "Training epochs per model.", DefaultValueFactory = _ => 5, CustomParser = OptionValues.WholeNumber(minimum: 1),
    };
    readonly Option<int> BatchSizeOption = new("--batch-size", "-b")
    {
        Description = "Images per training step.", DefaultValueFactory = _ => 64, CustomParser = OptionValues.WholeNumber(minimum: 1),
    };
    readonly Option<double> LearningRateOption = new("--lr")
    {
        Description = "Adam's learning rate.",
        DefaultValueFactory = _ => TutorialLearningRate,
        CustomParser = OptionValues.LearningRate(MaxLearningRate, example: TutorialLearningRate),
    };
    readonly Option<string> ScheduleOption = new("--lr-schedule")
    {
        Description = "constant (the tutorial's recipe) or cosine (decay to zero over the run, as timm's recipes do).",
        DefaultValueFactory = _ => "constant",
    };
    readonly Option<string> PrecisionOption = new("--precision")
    {
        Description = "model (each model's own [Precision]), fp32, or bf16 (products in bfloat16, float32 weights).",
        DefaultValueFactory = _ => "model",
    };
    readonly Option<int?> LimitOption = new("--limit")
    {
        Description = "Train on the first N training images only, for quick runs.", CustomParser = result => OptionValues.WholeNumber(minimum: 1)(result),
    };
    readonly Option<long> MaxImagePixelsOption = new("--max-image-pixels")
    {
        Description = "An image folder's largest picture, in pixels (width × height): larger ones are refused before decoding, as PIL does.",
        DefaultValueFactory = _ => ImageDecoder.DefaultMaxPixels, CustomParser = OptionValues.WholeNumber(minimum: 1L),
    };
    readonly Option<string> DataOption = new("--data") { Description = $"Data folder: {DataFolder.Recognised}. Default: the MNIST copy beside the sample.", DefaultValueFactory = _ => SampleData.MnistDirectory };
    readonly Option<string> OutOption = new("--out", "-o")
    {
        Description = "Output folder for pictures, metrics, checkpoints and weights.", DefaultValueFactory = _ => "out", CustomParser = OptionValues.Folder(example: "out"),
    };
    readonly Option<string> DeviceOption = new("--device") { Description = "cpu or cuda; default: cuda when available, else cpu." };
    readonly Option<int> SeedOption = new("--seed") { Description = "Seed for weights and shuffling.", DefaultValueFactory = _ => 42, CustomParser = OptionValues.WholeNumber() };
    readonly Option<bool> ResumeOption = new("--resume") { Description = "Resume each model from its last checkpoint in the output folder." };
    readonly Option<string?> ResumeFromOption = new("--resume-from") { Description = "Resume the one chosen --model from this checkpoint, such as checkpoints/epoch-2.ckpt." };

    /// <summary>Builds the root command with its options and subcommands, calling the given actions.</summary>
    public SampleCommandLine(Func<SampleSettings, int> train, Func<SampleSettings, int> summary, Func<SampleSettings, string, int> predict, Func<SampleSettings, int> finetune)
    {
        OptionValues.AcceptOnly(ModelOption, [.. ModelNames, "all"]);
        OptionValues.AcceptOnly(ScheduleOption, "constant", "cosine");
        OptionValues.AcceptOnly(PrecisionOption, "model", "fp32", "bf16");
        OptionValues.AcceptOnly(DeviceOption, "cpu", "cuda");

        Root = new RootCommand("ViT#: the PyTorch Lightning ViT tutorial on MNIST, in C#. With no subcommand, trains the chosen models and compares them.");
        Option[] shared = { ModelOption, EpochsOption, BatchSizeOption, LearningRateOption, ScheduleOption, PrecisionOption, LimitOption, DataOption, MaxImagePixelsOption, OutOption, DeviceOption, SeedOption, ResumeOption, ResumeFromOption };
        foreach (var option in shared) Root.Options.Add(option);
        Root.Validators.Add(result =>
        {
            if (result.GetValue(ResumeFromOption) is not null && (result.GetValue(ModelOption) ?? "all") == "all")
                result.AddError("--resume-from names one model's checkpoint: add --model tutorial or --model timm.");
        });
        Root.SetAction(result => Reported(result, () => train(Read(result))));

        var summaryCommand = new Command("summary", "Print the models' layer tables and parameter totals, then exit.");
        summaryCommand.Options.Add(ModelOption);
        summaryCommand.SetAction(result => Reported(result, () => summary(Read(result))));
        Root.Subcommands.Add(summaryCommand);

        var checkpointArgument = new Argument<string>("checkpoint") { Description = "The checkpoint or .safetensors weights to evaluate." };
        var predictCommand = new Command("predict", "Load saved weights, print test accuracy and predictions, and write the predictions grid.");
        predictCommand.Arguments.Add(checkpointArgument);
        foreach (var option in new Option[] { ModelOption, DataOption, OutOption, DeviceOption, BatchSizeOption, PrecisionOption }) predictCommand.Options.Add(option);
        predictCommand.SetAction(result => Reported(result, () => predict(Read(result), result.GetValue(checkpointArgument)!)));
        Root.Subcommands.Add(predictCommand);

        var finetuneCommand = new Command("finetune", "Train timm's configuration on digits 0-4, fine-tune its body under a new head on digits 5-9 (head alone, then every layer), and compare with training on 5-9 from scratch. --epochs is per phase.");
        foreach (var option in new Option[] { EpochsOption, BatchSizeOption, LearningRateOption, PrecisionOption, LimitOption, DataOption, MaxImagePixelsOption, OutOption, DeviceOption, SeedOption }) finetuneCommand.Options.Add(option);
        finetuneCommand.SetAction(result => Reported(result, () => finetune(Read(result))));
        Root.Subcommands.Add(finetuneCommand);
    }

    /// <summary>The root command, with its options and subcommands.</summary>
    public RootCommand Root { get; }

    /// <summary>
    /// Parses <paramref name="args"/> and runs what they ask for. A mistake on the command line is one <c>error:</c>
    /// line naming the value and the fix, and exit code 1, before anything runs (System.CommandLine's own report
    /// spreads over several lines and prints the whole help text after it).
    /// </summary>
    public int Invoke(IReadOnlyList<string> args, InvocationConfiguration? configuration = null)
    {
        configuration ??= new InvocationConfiguration();
        var result = Root.Parse(args);
        if (result.Action is not ParseErrorAction) return result.Invoke(configuration);
        foreach (string message in result.Errors.Select(error => error.Message).Distinct())
            ReportError(configuration.Error, $"{message} See --help.");
        return 1;
    }

    /// <summary>
    /// A fault in what the user gave us (a missing or corrupt data file, a checkpoint from another run, a folder we may
    /// not write, a device this machine lacks, training that diverged) is one line on standard error and exit code 1:
    /// its message already names the file and the fix. Anything else is our bug and keeps its stack trace.
    /// </summary>
    static int Reported(ParseResult result, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or UsageException or DeviceUnavailableException
                                          or WeightsMismatchException or TrainingDivergedException or DataMismatchException or DataSourceException or InsufficientMemoryException)
        {
            return ReportError(result.InvocationConfiguration.Error, error.Message);
        }
    }

    static int ReportError(TextWriter error, string message)
    {
        error.WriteLine($"error: {message}");
        return 1;
    }

    SampleSettings Read(ParseResult result)
    {
        string model = result.GetValue(ModelOption) ?? "all";
        return new SampleSettings(
            Models: model == "all" ? TutorialModels.DefaultRun : new[] { model },
            Epochs: result.GetValue(EpochsOption),
            BatchSize: result.GetValue(BatchSizeOption),
            LearningRate: result.GetValue(LearningRateOption),
            Schedule: result.GetValue(ScheduleOption) == "cosine" ? LearningRateSchedule.Cosine : LearningRateSchedule.Constant,
            Limit: result.GetValue(LimitOption),
            MaxImagePixels: result.GetValue(MaxImagePixelsOption),
            DataDirectory: result.GetValue(DataOption) ?? SampleData.MnistDirectory,
            OutputDirectory: result.GetValue(OutOption) ?? "out",
            Device: Available(result.GetValue(DeviceOption)),
            Seed: result.GetValue(SeedOption),
            Resume: result.GetValue(ResumeOption),
            ResumeFrom: result.GetValue(ResumeFromOption),
            Precision: result.GetValue(PrecisionOption) switch { "fp32" => ViT.Precision.Float32, "bf16" => ViT.Precision.BFloat16, _ => null });
    }

    /// <summary>A device named on the command line is checked before any work (it was found only after loading the data).</summary>
    static string? Available(string? device)
    {
        if (device is not null) TrainingDevice.Resolve(device);
        return device;
    }
}
