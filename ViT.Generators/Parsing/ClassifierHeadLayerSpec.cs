using ViT.Generators.Shared;

namespace ViT.Generators.Parsing;

/// <summary><c>[ClassifierHead(classes, Pool = ...)]</c>.</summary>
public sealed record ClassifierHeadLayerSpec(int Classes, Pooling Pool) : LayerSpec("ClassifierHead");
