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
    predict: (_, _) =>
    {
        Console.Error.WriteLine("predict is not available yet: it needs the trainer's checkpoints.");
        return 1;
    });
return commandLine.Root.Parse(args).Invoke();
