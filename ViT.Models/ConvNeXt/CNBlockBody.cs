namespace ViT.Models;

/// <summary>
/// ConvNeXt's block body: a 7x7 depthwise convolution, then per pixel a LayerNorm, Linear to 4 times the width, GELU and
/// Linear back. torchvision permutes to channels-last between them (its positions 1 and 6), so the names skip them.
/// </summary>
[Block]
[Conv2d(In.Channels, 7, padding: 3, Groups = In.Channels)]
[LayerNorm(Epsilon = 1e-6, Name = "2")]
[Linear(4 * In.Channels, PerPixel = true, Name = "3")]
[Activation(Activation.GELU)]
[Linear(In.Channels, PerPixel = true, Name = "5")]
public partial class CNBlockBody;
