namespace ViT.Generators.Shapes;

/// <summary>One row of a model's summary: a module (its state-dict name), what it is, its output shape and parameters.</summary>
/// <param name="Name">State-dict name, for example <c>blocks.0</c> or <c>3</c>.</param>
/// <param name="Type">What it is, for example <c>Conv2d 5x5, 6 channels</c>.</param>
/// <param name="Shape">Output shape without the batch dimension.</param>
/// <param name="Parameters">Trainable parameters it owns (inner rows of a composed model repeat what their outer row counts).</param>
/// <param name="Depth">0 for the model's own layers, 1 for the layers inside a composed model, and so on.</param>
public sealed record SummaryRow(string Name, string Type, Shape Shape, long Parameters, int Depth = 0);
