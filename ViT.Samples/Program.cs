using ViT.Samples;
using ViT.Samples.Cli;
using ViT.Samples.Models;

var commandLine = new SampleCommandLine(
    train: TutorialRun.Run,
    summary: settings =>
    {
        TutorialModels.PrintSummaries(Console.Out, settings.Models);
        return 0;
    },
    predict: PredictRun.Run);
return commandLine.Root.Parse(args).Invoke();
