using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Hand;

/// <summary>
/// The hand-written counterparts of the sample's models and of three zoo models (torchvision's ResNet-50 and
/// EfficientNet-B0, timm's ViT-S/16, with their state-dict names), as the benchmark table and the studies create them.
/// </summary>
public static class HandModels
{
    /// <summary>The tutorial's ViT: its listing's attention.</summary>
    public static nn.Module<Tensor, Tensor> Tutorial() =>
        new HandViT("HandTutorialViT", HandViTConfig.Tutorial, () => new TutorialListingAttention(HandViTConfig.Tutorial.Dim, HandViTConfig.Tutorial.Heads));

    /// <summary>timm's configuration: fused qkv, split heads.</summary>
    public static nn.Module<Tensor, Tensor> Timm() =>
        new HandViT("HandTimmViT", HandViTConfig.Timm, () => new TimmAttention(HandViTConfig.Timm.Dim, HandViTConfig.Timm.Heads));

    /// <summary>The hybrid: a convolutional stem (conv 3x3 to 32 channels, batch norm, ReLU, max-pool 2) before timm's ViT.</summary>
    public static nn.Module<Tensor, Tensor> Hybrid() =>
        new HandViT("HandHybridViT", HandViTConfig.Hybrid, () => new TimmAttention(HandViTConfig.Hybrid.Dim, HandViTConfig.Hybrid.Heads),
            stem: nn.Sequential(nn.Conv2d(1, 32, 3, padding: 1, bias: false), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2)));

    /// <summary>timm's <c>vit_small_patch16_224</c>: timm's blocks and names (22,050,664 parameters).</summary>
    public static nn.Module<Tensor, Tensor> VitSmallPatch16() =>
        new HandViT("HandVitSmallPatch16", HandViTConfig.VitSmallPatch16, () => new TimmAttention(HandViTConfig.VitSmallPatch16.Dim, HandViTConfig.VitSmallPatch16.Heads));

    /// <summary>torchvision's <c>resnet50</c>.</summary>
    public static nn.Module<Tensor, Tensor> ResNet50() => new HandResNet50();

    /// <summary>torchvision's <c>efficientnet_b0</c>.</summary>
    public static nn.Module<Tensor, Tensor> EfficientNetB0() => new HandEfficientNetB0();
}
