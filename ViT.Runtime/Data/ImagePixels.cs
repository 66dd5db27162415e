using static TorchSharp.torch;

namespace ViT.Data;

/// <summary>The one conversion of stored pixels to what models take: bytes 0 to 255 become float32 in [0, 1]; float32 stays.</summary>
public static class ImagePixels
{
    /// <summary><paramref name="images"/> as float32 in [0, 1]: uint8 divided by 255, float32 as it is.</summary>
    public static Tensor ToFloat(Tensor images) =>
        images.dtype == ScalarType.Byte ? images.to_type(ScalarType.Float32).div_(255f) : images;
}
