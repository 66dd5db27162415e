using System.Globalization;
using ViT.Data;
using ViT.Training;

// dotnet run -- <data folder> [--epochs N] [--limit N]
//
// The folder holds one sub-folder of pictures per class (PNG, JPEG, BMP or WebP, any size), as torchvision's
// ImageFolder reads it; with train/ and test/ sub-folders those are the splits, otherwise a fifth of each class is
// held out for testing. MNIST's IDX files and CIFAR's binary files work too. Pictures are converted to the model's
// input (3×32×32) once and cached beside them.
if (args.Length == 0 || args[0].StartsWith('-'))
{
    Console.Error.WriteLine("usage: dotnet run -- <data folder> [--epochs N] [--limit N]");
    return 1;
}

try
{
    string folder = args[0];
    int epochs = Option("--epochs") ?? 10;
    int? limit = Option("--limit");

    using var data = DataFolder.Open(folder, ImageShape.Of(Classifier.InputShape), new ImageFolderOptions { Log = Console.Out });
    IImageSource train = limit is int n ? ImageSourceView.First(data.Train, n) : data.Train;
    IImageSource test = limit is int m ? ImageSourceView.First(data.Test, Math.Max(1, m / 5)) : data.Test;

    var trainer = new Trainer(new TrainerOptions { Epochs = epochs, Transforms = data.ToModel, OutputDirectory = "out" });
    using var model = new Classifier();
    var fit = trainer.Fit(model, train, test);
    Console.WriteLine(FormattableString.Invariant($"test accuracy {fit.History[^1].ValidationAccuracy:P2} after {fit.History.Count} epochs"));

    model.ExportOnnx("out/classifier.onnx");
    Console.WriteLine("wrote out/classifier.onnx (run it with ViT.Onnx's OnnxClassifier, or any ONNX runtime)");
    return 0;
}
catch (Exception error) when (error is IOException or UnauthorizedAccessException or DataMismatchException or ArgumentException)
{
    Console.Error.WriteLine($"error: {error.Message}");
    return 1;
}

int? Option(string name)
{
    int at = Array.IndexOf(args, name);
    if (at < 0) return null;
    if (at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0) return value;
    throw new ArgumentException($"{name} needs a positive whole number");
}
