using System.Text.Json;
using Onnx;
using TorchSharp;
using ViT.Data;
using ViT.Onnx;
using ViT.Runtime.Tests.Generated;
using ViT.Samples.Models;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Onnx;

/// <summary>
/// ONNX with its preprocessing: the file says how a picture becomes its input, names its classes, and normalises its
/// input with its own first nodes, computing what the trained model computes on normalised images.
/// </summary>
public sealed class OnnxPreprocessingTests : IDisposable
{
    readonly string _out = Directory.CreateTempSubdirectory("vit-onnx-pre-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    static readonly string[] Digits = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    static readonly Normalize MnistNormalize = new([0.1307f], [0.3081f]);

    static ModelProto Export(nn.Module model, OnnxPreprocessing? preprocessing)
    {
        using var stream = new MemoryStream();
        model.ExportOnnx(stream, preprocessing);
        return ModelProto.Parser.ParseFrom(stream.ToArray());
    }

    static string Metadata(ModelProto proto, string key) => Assert.Single(proto.MetadataProps, p => p.Key == key).Value;

    [Fact]
    public void The_file_names_its_classes_says_how_a_picture_becomes_its_input_and_normalises_in_its_first_nodes()
    {
        torch.manual_seed(5);
        using var model = new LeNet();
        OnnxAgreement.Randomize(model, seed: 5);

        var proto = Export(model, new OnnxPreprocessing { ClassNames = Digits, Normalize = MnistNormalize });

        Assert.Equal(Digits, JsonSerializer.Deserialize<string[]>(Metadata(proto, "vit_sharp.classes")));
        using var preprocessing = JsonDocument.Parse(Metadata(proto, "vit_sharp.preprocessing"));
        var json = preprocessing.RootElement;
        Assert.Equal(("NCHW", 1, 28, 28, "gray", "bilinear"), (json.GetProperty("layout").GetString(), json.GetProperty("channels").GetInt32(),
            json.GetProperty("height").GetInt32(), json.GetProperty("width").GetInt32(), json.GetProperty("color").GetString(), json.GetProperty("resize").GetString()));
        Assert.Equal(1.0 / 255, json.GetProperty("pixel_scale").GetDouble());
        Assert.Equal([0.1307f], json.GetProperty("mean").EnumerateArray().Select(v => v.GetSingle()));
        Assert.Equal([0.3081f], json.GetProperty("std").EnumerateArray().Select(v => v.GetSingle()));
        Assert.True(json.GetProperty("normalization_in_graph").GetBoolean());
        var reader = Assert.Single(proto.Graph.Node, node => node.Input.Contains("images"));
        Assert.Equal("Sub", reader.OpType);
        Assert.Equal("Div", Assert.Single(proto.Graph.Node, node => node.Input.Contains(reader.Output[0])).OpType);
    }

    [Fact]
    public void The_normalising_file_computes_on_pixels_what_the_model_computes_on_normalised_images()
    {
        torch.manual_seed(6);
        using var model = new TimmViT();
        OnnxAgreement.Randomize(model, seed: 6);
        using var stream = new MemoryStream();
        model.ExportOnnx(stream, new OnnxPreprocessing { Normalize = MnistNormalize });
        using var session = OnnxAgreement.Session(stream.ToArray());
        using var scope = NewDisposeScope();
        var pixels = OnnxAgreement.Inputs([1, 28, 28], 16, seed: 6);

        var (onnx, _) = OnnxAgreement.Run(session, pixels);
        float[] torchSharp = OnnxAgreement.Torch(model, MnistNormalize.Apply(pixels, new TransformContext(0, 0, new long[16])));
        float[] unnormalised = OnnxAgreement.Torch(model, pixels);

        Assert.InRange(OnnxAgreement.MaxRelativeDifference(onnx, torchSharp), 0, OnnxAgreement.Tolerance);
        Assert.True(OnnxAgreement.MaxRelativeDifference(onnx, unnormalised) > 0.01, "the normalisation changes nothing, so this compares nothing");
    }

    [Fact]
    public void Without_preprocessing_the_file_still_says_how_a_picture_becomes_its_input()
    {
        using var model = new LeNet();

        var proto = Export(model, null);

        Assert.DoesNotContain(proto.MetadataProps, p => p.Key == "vit_sharp.classes");
        using var json = JsonDocument.Parse(Metadata(proto, "vit_sharp.preprocessing"));
        Assert.False(json.RootElement.GetProperty("normalization_in_graph").GetBoolean());
        Assert.False(json.RootElement.TryGetProperty("mean", out _));
        Assert.Equal("Conv", Assert.Single(proto.Graph.Node, node => node.Input.Contains("images")).OpType);
    }

    [Fact]
    public void Preprocessing_that_does_not_fit_the_model_is_refused_naming_both()
    {
        using var model = new LeNet();
        using var tokens = new TokenEncoder();

        Assert.Equal("LeNet outputs [10] but 9 class names were given; give one name per class. (Parameter 'preprocessing')",
            Assert.Throws<ArgumentException>(() => Export(model, new OnnxPreprocessing { ClassNames = Digits[..9] })).Message);
        Assert.Equal("the normalisation has 3 channel(s) but LeNet takes images of 1; give one mean and std per channel. (Parameter 'preprocessing')",
            Assert.Throws<ArgumentException>(() => Export(model, new OnnxPreprocessing { Normalize = new Normalize([0.5f, 0.5f, 0.5f], [0.2f, 0.2f, 0.2f]) })).Message);
        Assert.StartsWith("TokenEncoder takes [5, 8], not images",
            Assert.Throws<ArgumentException>(() => Export(tokens, new OnnxPreprocessing { Normalize = MnistNormalize })).Message);
    }

    sealed class Invert : IImageTransform
    {
        public bool IsRandom => false;
        public ImageShape OutputShape(ImageShape input) => input;
        public Tensor Apply(Tensor images, TransformContext context) => 1 - images;
    }

    [Fact]
    public void From_keeps_the_normalisation_drops_augmentation_and_refuses_what_a_file_cannot_carry()
    {
        var training = new TransformPipeline(new RandomCrop(2), new ConvertChannels(1), new Resize(28, 28), MnistNormalize, new RandomHorizontalFlip());

        var preprocessing = OnnxPreprocessing.From(training, Digits);

        Assert.Same(MnistNormalize, preprocessing.Normalize);
        Assert.Equal(Digits, preprocessing.ClassNames);
        Assert.Null(OnnxPreprocessing.From(null, null).Normalize);
        Assert.StartsWith("Invert cannot be carried in an ONNX file",
            Assert.Throws<ArgumentException>(() => OnnxPreprocessing.From(new TransformPipeline(new Invert()), null)).Message);
        Assert.StartsWith("the transforms normalise 2 times",
            Assert.Throws<ArgumentException>(() => OnnxPreprocessing.From(new TransformPipeline(MnistNormalize, MnistNormalize), null)).Message);
    }

    [Fact]
    public void ExportOnnx_is_reachable_from_a_module_variable_without_a_cast_and_refuses_a_hand_written_module()
    {
        nn.Module<Tensor, Tensor> model = new LeNet(); // as a factory or a list of models hands it out
        string path = Path.Combine(_out, "cnn.onnx");

        model.ExportOnnx(path);

        using (var classifier = new OnnxClassifier(path)) Assert.Equal("LeNet", classifier.ModelName);
        using var handWritten = nn.Sequential(("fc", nn.Linear(4, 2)));
        var error = Assert.Throws<ArgumentException>(() => handWritten.ExportOnnx(Path.Combine(_out, "other.onnx")));
        Assert.StartsWith("Sequential was not written by the ViT# generator", error.Message);
    }
}
