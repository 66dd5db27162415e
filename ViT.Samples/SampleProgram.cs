using ViT.Samples.Cli;
using ViT.Samples.Models;

namespace ViT.Samples;

/// <summary>The sample's command line wired to its runs; the entry point and the tests share it.</summary>
internal static class SampleProgram
{
    public static SampleCommandLine CommandLine() => new(
        train: TutorialRun.Run,
        summary: settings =>
        {
            TutorialModels.PrintSummaries(Console.Out, settings.Models);
            return 0;
        },
        predict: PredictRun.Run,
        finetune: FineTuning.FineTuneRun.Run);
}
