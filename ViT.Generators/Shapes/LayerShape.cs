using ViT.Generators.Helpers;

namespace ViT.Generators.Shapes;

/// <summary>One row of the shape trace: a module (state-dict prefix), what it is, its output shape and parameters.</summary>
/// <param name="LayerIndex">Index of the attribute in <c>ModelSpec.Layers</c> that produced the row.</param>
/// <param name="Name">State-dict prefix, for example <c>blocks.0</c>.</param>
/// <param name="Type">Human description, for example <c>Encoder block (split, 2 heads)</c>.</param>
/// <param name="Shape">Output shape without the batch dimension.</param>
/// <param name="Parameters">Trainable parameters owned by the row.</param>
public sealed record LayerShape(int LayerIndex, string Name, string Type, EquatableArray<long> Shape, long Parameters);
