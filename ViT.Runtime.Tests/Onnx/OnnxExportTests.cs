using Google.Protobuf;
using Onnx;
using TorchSharp;
using ViT.Onnx;
using ViT.Samples.Models;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Onnx;

/// <summary>
/// Every sample model exported to ONNX: ONNX Runtime (full optimisations, and none) computes TorchSharp's outputs
/// for batches of 1 and 64 from one file, and the file keeps to the declared opset, names and metadata.
/// </summary>
public sealed class OnnxExportTests(ITestOutputHelper output)
{
    public static TheoryData<string> SampleModels() => new(Models.Keys);

    static readonly Dictionary<string, Func<nn.Module<Tensor, Tensor>>> Models = new()
    {
        ["tutorial"] = () => new TutorialViT(),
        ["timm"] = () => new TimmViT(),
        ["wide"] = () => new TutorialWideViT(),
        ["cnn"] = () => new LeNet(),
        ["resnet"] = () => new ResNet(),
        ["hybrid"] = () => new HybridViT(),
    };

    /// <summary>
    /// The operators of ONNX's default domain that opset 17 has, with the opset of the definition in force there
    /// (from ONNX's Operators.md), for those an export may use. Gelu (opset 20) is not among them.
    /// </summary>
    static readonly Dictionary<string, int> Opset17 = new()
    {
        ["Add"] = 14, ["AveragePool"] = 11, ["BatchNormalization"] = 15, ["Concat"] = 13, ["Constant"] = 13, ["Conv"] = 11,
        ["Div"] = 14, ["Elu"] = 6, ["Erf"] = 13, ["Expand"] = 13, ["Flatten"] = 13, ["Gather"] = 13, ["Gemm"] = 13,
        ["Identity"] = 16, ["LayerNormalization"] = 17, ["LeakyRelu"] = 16, ["MatMul"] = 13, ["MaxPool"] = 12, ["Mul"] = 14,
        ["ReduceMean"] = 13, ["Relu"] = 14, ["Reshape"] = 14, ["Shape"] = 15, ["Sigmoid"] = 13, ["Slice"] = 13,
        ["Softmax"] = 13, ["Tanh"] = 13, ["Transpose"] = 13,
    };

    [Theory]
    [MemberData(nameof(SampleModels))]
    public void Onnx_Runtime_computes_the_TorchSharp_outputs_for_batches_of_1_and_64(string name)
    {
        torch.manual_seed(3);
        using var model = Models[name]();
        double optimised = OnnxAgreement.Check(model, seed: 11);
        double plain = OnnxAgreement.Check(model, seed: 11, optimise: false);
        output.WriteLine($"{name}: max relative logit difference {optimised:E2} (graph optimisations on), {plain:E2} (off)");
    }

    [Theory]
    [MemberData(nameof(SampleModels))]
    public void The_file_uses_opset_17_only_and_names_its_input_output_and_initializers_as_promised(string name)
    {
        torch.manual_seed(5);
        using var model = Models[name]();
        var summary = ((IGeneratedModel)model).Summary;
        var proto = ModelProto.Parser.ParseFrom(OnnxAgreement.Export(model));

        var opset = Assert.Single(proto.OpsetImport);
        Assert.Equal(("", 17L), (opset.Domain, opset.Version));
        Assert.All(proto.Graph.Node, node =>
        {
            Assert.Equal("", node.Domain);
            Assert.True(Opset17.ContainsKey(node.OpType), $"{node.Name}: {node.OpType} is not an operator of opset 17");
        });

        var input = Assert.Single(proto.Graph.Input);
        var outputValue = Assert.Single(proto.Graph.Output);
        Assert.Equal("images", input.Name);
        Assert.Equal("logits", outputValue.Name);
        Assert.Equal(new[] { "batch" }.Concat(summary.InputShape.Select(d => d.ToString())), Dims(input));
        Assert.Equal(new[] { "batch" }.Concat(summary.OutputShape.Select(d => d.ToString())), Dims(outputValue));
        Assert.Equal((int)TensorProto.Types.DataType.Float, input.Type.TensorType.ElemType);

        // Initializers are state-dict tensors under their own names, with their values.
        var state = model.state_dict();
        Assert.NotEmpty(proto.Graph.Initializer);
        foreach (var initializer in proto.Graph.Initializer)
        {
            Assert.True(state.TryGetValue(initializer.Name, out var tensor), $"initializer {initializer.Name} is not a state-dict name");
            Assert.Equal(tensor.shape, initializer.Dims.ToArray());
            Assert.Equal(tensor.data<float>().ToArray(), Floats(initializer.RawData));
        }

        // Every weight the forward uses is in the file: all but the batch counters and the tutorial's unused final norm.
        var unused = state.Keys.Where(k => k.EndsWith("num_batches_tracked") || (name is "tutorial" or "wide" && k.StartsWith("norm.")));
        Assert.Equal(state.Keys.Except(unused).Order(), proto.Graph.Initializer.Select(i => i.Name).Order());

        var metadata = proto.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(summary.ToString(), metadata["vit_sharp.summary"]);
        Assert.Equal(summary.ModelName, metadata["vit_sharp.model"]);
        Assert.Equal(OnnxExport.Version, metadata["vit_sharp.version"]);
        Assert.Equal(OnnxExport.Version, proto.ProducerVersion);
        Assert.False(string.IsNullOrEmpty(OnnxExport.Version));
    }

    [Fact]
    public void ExportOnnx_writes_the_file_it_is_given_and_the_stream_overload_the_same_bytes()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("vit-onnx-").FullName, "lenet.onnx");
        try
        {
            torch.manual_seed(1);
            using var model = new LeNet();
            model.ExportOnnx(path);
            Assert.Equal(OnnxAgreement.Export(model), File.ReadAllBytes(path));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void A_model_on_tokens_names_its_input_input_and_a_model_ending_in_tokens_its_output_output()
    {
        torch.manual_seed(2);
        using var model = new TokenEncoder();
        var proto = ModelProto.Parser.ParseFrom(OnnxAgreement.Export(model));
        Assert.Equal("input", Assert.Single(proto.Graph.Input).Name);
        Assert.Equal("output", Assert.Single(proto.Graph.Output).Name);
        Assert.InRange(OnnxAgreement.Check(model, seed: 4), 0, OnnxAgreement.Tolerance);
    }

    static IEnumerable<string> Dims(ValueInfoProto value) =>
        value.Type.TensorType.Shape.Dim.Select(d => d.HasDimParam ? d.DimParam : d.DimValue.ToString());

    static float[] Floats(ByteString bytes) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes.Span).ToArray();
}

/// <summary>Tokens in, tokens out: an encoder on its own.</summary>
[Input(5, 8)]
[PositionEmbedding]
[Encoder(layers: 1, heads: 2)]
public sealed partial class TokenEncoder;
