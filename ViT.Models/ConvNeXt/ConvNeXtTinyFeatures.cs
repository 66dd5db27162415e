namespace ViT.Models;

/// <summary>
/// ConvNeXt-T's <c>features</c>: a 4x4 patchifying stem, stages of 3, 3, 9 and 3 <see cref="CNBlock"/>s at 96, 192, 384
/// and 768 channels with a <see cref="ConvNeXtDownsample"/> between them. Block k of the 18 drops its branch at 0.1·k/17.
/// </summary>
[Block]
[Layer(typeof(ConvNeXtStem), "96")]
[Repeat(3, typeof(CNBlock), "DropRate: 0.1 * (0 + Index) / 17", Name = "1")]
[Layer(typeof(ConvNeXtDownsample), "192")]
[Repeat(3, typeof(CNBlock), "DropRate: 0.1 * (3 + Index) / 17", Name = "3")]
[Layer(typeof(ConvNeXtDownsample), "384")]
[Repeat(9, typeof(CNBlock), "DropRate: 0.1 * (6 + Index) / 17", Name = "5")]
[Layer(typeof(ConvNeXtDownsample), "768")]
[Repeat(3, typeof(CNBlock), "DropRate: 0.1 * (15 + Index) / 17", Name = "7")]
public partial class ConvNeXtTinyFeatures;
