namespace ViT.Generators.Parsing;

/// <summary><c>[Patchify(patch, dim)]</c>.</summary>
public sealed record PatchifyLayerSpec(int Patch, int Dim) : LayerSpec("Patchify");
