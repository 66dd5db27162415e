using static TorchSharp.torch;

namespace ViT.Runtime.Tests;

/// <summary>
/// References computed in float32 (PyTorch fixtures, exported ONNX graphs) are compared with the model computing in
/// float32 too: a model whose <c>[Precision]</c> is bfloat16 (timm's) would differ by bfloat16's rounding.
/// </summary>
internal static class Float32Reference
{
    /// <summary>Sets <paramref name="model"/> to compute in float32 when it is a generated model; returns it.</summary>
    public static nn.Module<Tensor, Tensor> InFloat32(nn.Module<Tensor, Tensor> model)
    {
        if (model is IGeneratedModel generated) generated.Precision = Precision.Float32;
        return model;
    }
}
