using TorchSharp;
using ViT.Runtime.Tests.Generated;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Samples;

/// <summary>
/// <c>predict</c> with an ONNX file that does not fit the data: another input size (which used to reshape the batch and
/// report 9.86% with exit code 0), another number of channels or of classes (which used to end in a stack trace). Each is
/// one error line naming both shapes and class counts, and exit code 1.
/// </summary>
public sealed class PredictOnnxMismatchTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("vit-predict-onnx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, string, string> Files => new()
    {
        { "digits14", "[1, 14, 14] and scores 10 classes", "[1, 28, 28] of 10 classes" },
        { "rgb32", "[3, 32, 32] and scores 10 classes", "[1, 28, 28] of 10 classes" },
        { "five", "[1, 28, 28] and scores 5 classes", "[1, 28, 28] of 10 classes" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void An_onnx_file_that_does_not_fit_the_data_is_one_line_naming_both(string kind, string file, string data)
    {
        torch.manual_seed(1);
        using nn.Module<Tensor, Tensor> model = kind switch { "digits14" => new SmallDigits14(), "rgb32" => new SmallRgb32(), _ => new SmallFiveClasses() };
        string path = Path.Combine(_folder, $"{kind}.onnx");
        model.ExportOnnx(path);

        var (exitCode, error) = SampleInvocation.Run("predict", path, "--model", "cnn", "--out", Path.Combine(_folder, "out"));

        Assert.Equal(1, exitCode);
        string line = Assert.Single(error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"error: {path} takes images {file}, but --model cnn on IDX data gives images {data}; " +
            "use a model exported for this data, or data of the model's input and classes.", line);
    }
}
