using ViT.Generators.Shapes;

namespace ViT.Generators.Specs;

/// <summary>What a data-set type declares with <c>[ImageShape]</c>: its images' shape and, when fixed, its class count.</summary>
/// <param name="Name">The type's name, as messages show it: <c>Mnist</c>.</param>
/// <param name="Images">The image shape <c>[C, H, W]</c>.</param>
/// <param name="Classes">The number of classes, or 0 when the type does not fix it.</param>
public sealed record DataShape(string Name, Shape Images, int Classes);
