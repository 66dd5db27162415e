using SkiaSharp;
using TorchSharp;
using ViT.Data;
using ViT.Onnx;
using ViT.Runtime.Tests.Generated;
using ViT.Runtime.Tests.Training;
using ViT.Samples.Models;
using ViT.Training;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Onnx;

/// <summary>
/// OnnxClassifier on picture files against TorchSharp on the same files read as training reads them (the runtime's
/// image folder, its decoder and its transforms, the normalisation included): the same classes and probabilities
/// within 1e-5, for every sample model (briefly trained on 1,000 MNIST digits, so that its probabilities spread as a
/// trained model's do) and a colour model whose pictures are converted and resized.
/// </summary>
public sealed class OnnxImageClassificationTests(PictureFolder pictures, TrainingFixture mnist, ITestOutputHelper output)
    : IClassFixture<PictureFolder>, IClassFixture<TrainingFixture>, IDisposable
{
    readonly string _out = Directory.CreateTempSubdirectory("vit-onnx-images-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    public static TheoryData<string> Models => new() { "tutorial", "timm", "cnn", "resnet", "hybrid", "rgb32" };

    static nn.Module<Tensor, Tensor> Create(string name) => name == "rgb32" ? new SmallRgb32() : TutorialModels.Get(name).Create();

    static IReadOnlyList<string> Names(int classes) => Enumerable.Range(0, classes).Select(i => $"class {i}").ToArray();

    /// <summary>What TorchSharp gives for the pictures: the image folder at the model's input, its conversion, the normalisation, the model, softmax.</summary>
    float[] TorchSharpProbabilities(nn.Module<Tensor, Tensor> model, IReadOnlyList<long> input, Normalize normalize)
    {
        using var data = DataFolder.Open(pictures.Root, ImageShape.Of(input));
        using var scope = NewDisposeScope();
        long[] all = Enumerable.Range(0, data.Test.Count).Select(i => (long)i).ToArray();
        var images = data.ToModel.Then(normalize).Apply(data.Test.ReadImages(all), new TransformContext(0, 0, all));
        float[] logits = OnnxAgreement.Torch(model, images);
        int classes = logits.Length / all.Length;
        return softmax(tensor(logits).reshape(all.Length, classes), 1).data<float>().ToArray();
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void OnnxClassifier_on_picture_files_gives_TorchSharps_classes_and_probabilities(string name)
    {
        torch.manual_seed(11);
        using var model = Create(name);
        var summary = ((IGeneratedModel)model).Summary;
        int channels = (int)summary.InputShape[0], classes = (int)summary.OutputShape[0];
        var normalize = new Normalize(Enumerable.Repeat(0.13f, channels).ToArray(), Enumerable.Repeat(0.31f, channels).ToArray());
        // Briefly trained, with the normalisation, so that the probabilities have a trained model's spread.
        var transforms = TransformPipeline.Convert(mnist.Train.ImageShape, ImageShape.Of(summary.InputShape)).Then(normalize);
        using var train = mnist.Train.Take(1000);
        new Trainer(new TrainerOptions { Epochs = 1, BatchSize = 50, LearningRate = 1e-3, Device = "cpu", OutputDirectory = null, Transforms = transforms },
            new Training.RecordingReporter()).Fit(model, train);
        string path = Path.Combine(_out, $"{name}.onnx");
        model.ExportOnnx(path, OnnxPreprocessing.From(transforms, Names(classes)));

        float[] expected = TorchSharpProbabilities(model, summary.InputShape, normalize);
        using var classifier = new OnnxClassifier(path);
        double worst = 0;
        for (int i = 0; i < pictures.Files.Count; i++)
        {
            var scores = classifier.ClassifyImage(pictures.Files[i], top: classes);
            var row = expected.AsSpan(i * classes, classes);
            Assert.Equal(classes, scores.Count);
            Assert.Equal(row.ToArray().Select((p, c) => (p, c)).MaxBy(x => x.p).c, scores[0].Index);
            foreach (var score in scores)
            {
                Assert.Equal($"class {score.Index}", score.Name);
                worst = Math.Max(worst, Math.Abs(score.Probability - row[score.Index]));
            }
        }

        var top = Enumerable.Range(0, pictures.Files.Count).Select(i => expected.AsSpan(i * classes, classes).ToArray().Max()).ToArray();
        output.WriteLine($"{name}: {pictures.Files.Count} pictures, largest probability difference {worst:E2}; top probabilities {top.Min():F3} to {top.Max():F3}");
        Assert.InRange(worst, 0, 1e-5);
        Assert.True(top.Max() - top.Min() > 0.1, "every picture scores alike, so this compares nothing");
    }

    [Fact]
    public void A_picture_classifies_the_same_from_a_file_a_stream_and_a_decoded_bitmap()
    {
        torch.manual_seed(12);
        using var model = new LeNet();
        OnnxAgreement.Randomize(model, seed: 12);
        string path = Path.Combine(_out, "cnn.onnx");
        model.ExportOnnx(path, new OnnxPreprocessing { ClassNames = Names(10) });
        using var classifier = new OnnxClassifier(path);
        string picture = pictures.Files[25]; // RGB, another size

        var fromFile = classifier.ClassifyImage(picture, top: 3);
        using var stream = File.OpenRead(picture);
        var fromStream = classifier.ClassifyImage(stream, top: 3);
        using var bitmap = SKBitmap.Decode(picture); // whatever colour type SkiaSharp picks
        var fromBitmap = classifier.ClassifyImage(bitmap, top: 3);

        Assert.Equal(3, fromFile.Count);
        Assert.Equal(fromFile, fromStream);
        Assert.Equal(fromFile, fromBitmap);
        Assert.True(fromFile[0].Probability >= fromFile[1].Probability && fromFile[1].Probability >= fromFile[2].Probability);
    }
}
