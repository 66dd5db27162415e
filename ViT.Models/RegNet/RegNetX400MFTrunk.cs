namespace ViT.Models;

/// <summary>
/// RegNetX-400MF's stages (torchvision's <c>BlockParams</c> for depth 22, w0 24, wa 24.48, wm 2.54, group width 16): 1, 2,
/// 7 and 12 <see cref="ResBottleneckBlock"/>s of 32, 64, 160 and 400 channels, each stage starting with stride 2.
/// </summary>
[Block]
[Repeat(1, typeof(ResBottleneckBlock), "Width: 32, Stride: 2", Name = "block1", FirstItemName = "block1-0")]
[Repeat(2, typeof(ResBottleneckBlock), "Width: 64", First = "Stride: 2", Name = "block2", FirstItemName = "block2-0")]
[Repeat(7, typeof(ResBottleneckBlock), "Width: 160", First = "Stride: 2", Name = "block3", FirstItemName = "block3-0")]
[Repeat(12, typeof(ResBottleneckBlock), "Width: 400", First = "Stride: 2", Name = "block4", FirstItemName = "block4-0")]
public partial class RegNetX400MFTrunk;
