namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// The sample models' layer lists, copied from ViT.Samples/Models as data (the test does not reference the sample
/// project); <c>[Initialize]</c> is left out, as it is no layer and changes no shape.
/// </summary>
internal static class SampleModels
{
    /// <summary>The tutorial's listing ViT (TutorialViT.cs).</summary>
    public static readonly ModelGroup Tutorial = new(
    [
        ModelClass.Parse(
            "TutorialViT",
            "Input(1, 28, 28)", "Patchify(7, dim: 100)", "ClassToken", "PositionEmbedding",
            "Encoder(layers: 3, heads: 3, Attention = AttentionKind.TutorialListing, Activation = Activation.ReLU, FinalNorm = FinalNorm.Unused)",
            "ClassifierHead(10)"),
    ]);

    /// <summary>timm's configuration (TimmViT.cs).</summary>
    public static readonly ModelGroup Timm = new(
    [
        ModelClass.Parse("TimmViT", "Input(1, 28, 28)", "Patchify(7, dim: 100)", "ClassToken", "PositionEmbedding", "Encoder(layers: 3, heads: 2)", "ClassifierHead(10)"),
    ]);

    /// <summary>LeNet-5 (LeNet.cs).</summary>
    public static readonly ModelGroup LeNet = new(
    [
        ModelClass.Parse(
            "LeNet",
            "Input(1, 28, 28)", "Conv2d(6, 5, padding: 2)", "Activation(Activation.ReLU)", "MaxPool2d(2)", "Conv2d(16, 5)",
            "Activation(Activation.ReLU)", "MaxPool2d(2)", "Flatten", "Linear(120)", "Activation(Activation.ReLU)", "Linear(84)",
            "Activation(Activation.ReLU)", "Linear(10)"),
    ]);

    /// <summary>The small ResNet and its three residual blocks (ResNet.cs).</summary>
    public static readonly ModelGroup ResNet = new(
    [
        ModelClass.Parse(
            "ResNet",
            "Input(1, 28, 28)", "Conv2d(16, 3, padding: 1, Bias = false)", "BatchNorm2d", "Activation(Activation.ReLU)",
            "Residual(typeof(ResidualBlock16))", "Activation(Activation.ReLU)",
            "Conv2d(32, 3, stride: 2, padding: 1, Bias = false)", "BatchNorm2d", "Activation(Activation.ReLU)",
            "Residual(typeof(ResidualBlock32))", "Activation(Activation.ReLU)",
            "Conv2d(64, 3, stride: 2, padding: 1, Bias = false)", "BatchNorm2d", "Activation(Activation.ReLU)",
            "Residual(typeof(ResidualBlock64))", "Activation(Activation.ReLU)",
            "GlobalAveragePool", "Linear(10)"),
        Block("ResidualBlock16", "Input(16, 28, 28)", 16),
        Block("ResidualBlock32", "Input(32, 14, 14)", 32),
        Block("ResidualBlock64", "Input(64, 7, 7)", 64),
    ]);

    /// <summary>The hybrid: a convolutional stem, then timm's ViT on 2x2 patches of its feature map (HybridViT.cs).</summary>
    public static readonly ModelGroup HybridViT = new(
    [
        ModelClass.Parse(
            "HybridViT",
            "Input(1, 28, 28)", "Conv2d(32, 3, padding: 1, Bias = false)", "BatchNorm2d", "Activation(Activation.ReLU)", "MaxPool2d(2)",
            "Patchify(2, dim: 64)", "ClassToken", "PositionEmbedding", "Encoder(layers: 3, heads: 4)", "ClassifierHead(10)"),
    ]);

    static ModelClass Block(string name, string input, int channels) => ModelClass.Parse(
        name,
        input,
        $"Conv2d({channels}, 3, padding: 1, Bias = false)", "BatchNorm2d", "Activation(Activation.ReLU)",
        $"Conv2d({channels}, 3, padding: 1, Bias = false)", "BatchNorm2d");
}
