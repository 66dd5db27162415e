using ViT.Generators.Specs;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;

namespace ViT.Generators;

/// <summary>What the generator's output step receives: a model and its shape trace, both plain values.</summary>
public sealed record ModelPlan(ModelSpec Spec, ShapeTrace Trace);
