using Microsoft.ML.OnnxRuntime.Tensors;
using TorchSharp;
using ViT.Data;
using ViT.Onnx;
using ViT.Samples.Models;
using ViT.Training;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Onnx;

/// <summary>OnnxClassifier: a trained and exported model classifies the test set as TorchSharp does; bad files and inputs are clear errors.</summary>
public sealed class OnnxClassifierTests(ITestOutputHelper output) : IDisposable
{
    readonly string _out = Directory.CreateTempSubdirectory("vit-onnx-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public void A_trained_model_has_the_same_test_accuracy_in_ONNX_Runtime_as_in_TorchSharp()
    {
        using var mnist = Mnist.Load(ViT.Samples.SampleData.MnistDirectory);
        using var train = mnist.Train.Take(1000);
        torch.manual_seed(7);
        using var model = new LeNet();
        var trainer = new Trainer(new TrainerOptions { Epochs = 1, BatchSize = 25, LearningRate = 3e-3, Seed = 7, Device = "cpu", OutputDirectory = null }, new Training.RecordingReporter());
        trainer.Fit(model, train);
        var torchSharp = new Trainer(new TrainerOptions { BatchSize = 1000, Device = "cpu", OutputDirectory = null }, new Training.RecordingReporter()).Test(model, mnist.Test);
        string path = Path.Combine(_out, "cnn.onnx");
        model.ExportOnnx(path);

        using var classifier = new OnnxClassifier(path);
        long[] all = Enumerable.Range(0, mnist.Test.Count).Select(i => (long)i).ToArray();
        using var floats = mnist.Test.ReadImages(all); // float32 in [0, 1], as the trainer feeds the model
        float[] images = floats.data<float>().ToArray();
        long[] labels = mnist.Test.Labels.data<long>().ToArray();
        int[] predicted = classifier.Classify(images);
        double onnx = predicted.Where((p, i) => p == labels[i]).Count() / (double)labels.Length;

        output.WriteLine($"test accuracy: TorchSharp {torchSharp.Accuracy:P2}, ONNX Runtime {onnx:P2} on {labels.Length:N0} images");
        Assert.InRange(torchSharp.Accuracy, 0.5, 1.0); // trained (chance is 10%), so that agreement means something
        Assert.Equal(torchSharp.Accuracy.ToString("P2"), onnx.ToString("P2"));
        Assert.Equal(10_000, predicted.Length);
    }

    [Fact]
    public void It_reads_the_shapes_and_metadata_from_the_file_and_classifies_as_the_logits_say()
    {
        torch.manual_seed(3);
        using var model = new TimmViT();
        string path = Path.Combine(_out, "timm.onnx");
        model.ExportOnnx(path);
        using var classifier = new OnnxClassifier(path);

        Assert.Equal(new long[] { 1, 28, 28 }, classifier.InputShape);
        Assert.Equal(10, classifier.Classes);
        Assert.Equal("TimmViT", classifier.ModelName);
        Assert.Equal(TimmViT.ModelSummary.ToString(), classifier.Summary);

        using var scope = NewDisposeScope();
        var batch = OnnxAgreement.Inputs(classifier.InputShape, 5, seed: 9);
        float[] images = batch.data<float>().ToArray();
        float[] expected = OnnxAgreement.Torch(model, batch);
        float[] logits = classifier.Logits(images);
        Assert.InRange(OnnxAgreement.MaxRelativeDifference(logits, expected), 0, OnnxAgreement.Tolerance);
        int[] argmax = Enumerable.Range(0, 5).Select(i => Array.IndexOf(expected, expected.Skip(i * 10).Take(10).Max(), i * 10) - (i * 10)).ToArray();
        Assert.Equal(argmax, classifier.Classify(images));

        var tensor = new DenseTensor<float>(images, new[] { 5, 1, 28, 28 });
        Assert.Equal(argmax, classifier.Classify(tensor));
        Assert.Equal(new[] { 5, 10 }, classifier.Logits(tensor).Dimensions.ToArray());
    }

    [Fact]
    public void A_missing_or_damaged_file_and_a_partial_image_are_errors_that_say_so()
    {
        string missing = Path.Combine(_out, "none.onnx");
        Assert.Contains(missing, Assert.Throws<FileNotFoundException>(() => new OnnxClassifier(missing)).Message);

        string damaged = Path.Combine(_out, "damaged.onnx");
        File.WriteAllText(damaged, "not a model");
        Assert.StartsWith($"{damaged} is not an ONNX model", Assert.Throws<InvalidDataException>(() => new OnnxClassifier(damaged)).Message);

        torch.manual_seed(1);
        using var tokens = new TokenEncoder();
        string encoder = Path.Combine(_out, "encoder.onnx");
        tokens.ExportOnnx(encoder);
        Assert.Contains("a classifier outputs [batch, classes]", Assert.Throws<InvalidDataException>(() => new OnnxClassifier(encoder)).Message);

        using var model = new LeNet();
        string path = Path.Combine(_out, "cnn.onnx");
        model.ExportOnnx(path);
        using var classifier = new OnnxClassifier(path);
        var error = Assert.Throws<ArgumentException>(() => classifier.Classify(new float[1000]));
        Assert.Contains("whole images of 784 values ([1, 28, 28]); 1000 values are 1.28 images", error.Message);
        Assert.Throws<ArgumentException>(() => classifier.Classify(new DenseTensor<float>(new[] { 2, 28, 28 })));
    }

    [Fact]
    public void Class_names_and_the_normalisation_come_from_the_file_and_default_to_the_indices()
    {
        using var model = new LeNet();
        string named = Path.Combine(_out, "named.onnx"), plain = Path.Combine(_out, "plain.onnx");
        string[] names = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
        model.ExportOnnx(named, new OnnxPreprocessing { ClassNames = names, Normalize = new Normalize([0.1307f], [0.3081f]) });
        model.ExportOnnx(plain);

        using var withNames = new OnnxClassifier(named);
        using var without = new OnnxClassifier(plain);

        Assert.Equal(names, withNames.ClassNames);
        Assert.Equal([0.1307f], withNames.Mean);
        Assert.Equal([0.3081f], withNames.Std);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i.ToString()), without.ClassNames);
        Assert.Null(without.Mean);
    }

    [Fact]
    public void A_file_whose_class_names_do_not_match_its_outputs_is_refused_naming_both()
    {
        using var model = new LeNet();
        using var stream = new MemoryStream();
        model.ExportOnnx(stream, new OnnxPreprocessing { ClassNames = Enumerable.Range(0, 10).Select(i => $"c{i}").ToArray() });
        var proto = global::Onnx.ModelProto.Parser.ParseFrom(stream.ToArray());
        proto.MetadataProps.Single(p => p.Key == "vit_sharp.classes").Value = "[\"a\", \"b\"]"; // as a hand-edited file might say
        string path = Path.Combine(_out, "edited.onnx");
        File.WriteAllBytes(path, Google.Protobuf.MessageExtensions.ToByteArray(proto));

        var error = Assert.Throws<InvalidDataException>(() => new OnnxClassifier(path));

        Assert.Equal($"{path} names 2 classes in vit_sharp.classes but scores 10; export it again with one name per class.", error.Message);
    }

    [Fact]
    public void A_picture_that_is_missing_damaged_too_large_or_asked_for_no_class_is_a_clear_error()
    {
        using var model = new LeNet();
        string path = Path.Combine(_out, "cnn.onnx");
        model.ExportOnnx(path);
        using var classifier = new OnnxClassifier(path);
        string text = Path.Combine(_out, "notes.png");
        File.WriteAllText(text, "not a picture");
        string large = Path.Combine(_out, "large.png");
        using (var bitmap = new SkiaSharp.SKBitmap(400, 300))
        using (var png = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100))
            File.WriteAllBytes(large, png.ToArray());

        Assert.Equal($"No image at {Path.Combine(_out, "none.png")}.", Assert.Throws<FileNotFoundException>(() => classifier.ClassifyImage(Path.Combine(_out, "none.png"))).Message);
        Assert.Equal($"{text} cannot be decoded as PNG, JPEG, BMP, WebP or GIF.", Assert.Throws<InvalidDataException>(() => classifier.ClassifyImage(text)).Message);
        classifier.MaxImagePixels = 100_000;
        Assert.Equal($"{large} declares 400 × 300 pixels, more than the 100,000 allowed (OnnxClassifier.MaxImagePixels); shrink it first.",
            Assert.Throws<InvalidDataException>(() => classifier.ClassifyImage(large)).Message);
        classifier.MaxImagePixels = 1_000_000;
        Assert.Equal(10, classifier.ClassifyImage(large, top: 50).Count); // as many as there are
        Assert.Throws<ArgumentOutOfRangeException>(() => classifier.ClassifyImage(large, top: 0));
    }
}
