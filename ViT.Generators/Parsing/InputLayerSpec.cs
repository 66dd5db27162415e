namespace ViT.Generators.Parsing;

/// <summary><c>[Input(channels, height, width)]</c>.</summary>
public sealed record InputLayerSpec(int Channels, int Height, int Width) : LayerSpec("Input");
