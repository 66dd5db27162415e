namespace ViT.Benchmarks.Hand;

/// <summary>The sizes of a hand-written Vision Transformer (square images, class-token pooling).</summary>
/// <param name="Channels">Channels of what the patch embedding sees (the image, or a stem's feature map).</param>
/// <param name="ImageSize">Height and width of what the patch embedding sees.</param>
/// <param name="Patch">Patch height and width.</param>
/// <param name="Dim">Token width D.</param>
/// <param name="Layers">Encoder blocks.</param>
/// <param name="Heads">Attention heads.</param>
/// <param name="MlpHidden">The MLP's hidden width.</param>
/// <param name="Gelu">Exact GELU in the MLP (timm) rather than ReLU (the tutorial).</param>
/// <param name="Eps">LayerNorm epsilon.</param>
/// <param name="ApplyFinalNorm">Whether the final LayerNorm is applied (timm) or only created (the tutorial).</param>
/// <param name="Classes">Output classes.</param>
public sealed record HandViTConfig(int Channels, int ImageSize, int Patch, int Dim, int Layers, int Heads, int MlpHidden, bool Gelu, double Eps, bool ApplyFinalNorm, int Classes)
{
    /// <summary>Patches per image.</summary>
    public int Patches => (ImageSize / Patch) * (ImageSize / Patch);

    /// <summary>Tokens per image: the patches and the class token.</summary>
    public int Tokens => Patches + 1;

    /// <summary>The tutorial's model: D 100, 3 layers, 3 heads, MLP 400 ReLU, LayerNorm eps 1e-5, final norm unused.</summary>
    public static HandViTConfig Tutorial { get; } = new(1, 28, 7, 100, 3, 3, 400, Gelu: false, 1e-5, ApplyFinalNorm: false, 10);

    /// <summary>timm's configuration: D 100, depth 3, 2 heads, MLP 400 GELU, LayerNorm eps 1e-6, final norm applied.</summary>
    public static HandViTConfig Timm { get; } = new(1, 28, 7, 100, 3, 2, 400, Gelu: true, 1e-6, ApplyFinalNorm: true, 10);

    /// <summary>The sample's hybrid after its stem: 32x14x14 feature maps, 2x2 patches, D 64, 3 layers, 4 heads, timm's blocks.</summary>
    public static HandViTConfig Hybrid { get; } = new(32, 14, 2, 64, 3, 4, 256, Gelu: true, 1e-6, ApplyFinalNorm: true, 10);

    /// <summary>timm's <c>vit_small_patch16_224</c>: 3x224x224 images, 16x16 patches, D 384, depth 12, 6 heads, MLP 1536 GELU, 1000 classes.</summary>
    public static HandViTConfig VitSmallPatch16 { get; } = new(3, 224, 16, 384, 12, 6, 1536, Gelu: true, 1e-6, ApplyFinalNorm: true, 1000);
}
