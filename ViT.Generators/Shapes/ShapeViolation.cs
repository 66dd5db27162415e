namespace ViT.Generators.Shapes;

/// <summary>A broken constraint, with enough to place a diagnostic on the offending attribute argument.</summary>
/// <param name="Id">The diagnostic ID (<see cref="Diagnostics.DiagnosticIds"/>).</param>
/// <param name="LayerIndex">Index of the layer in <c>ModelSpec.Layers</c> (whose <c>AttributeIndex</c> locates the attribute), or -1 for the class itself.</param>
/// <param name="Argument">The argument at fault (for example <c>patch</c>), or null for the whole attribute.</param>
/// <param name="Message">What is wrong, the numbers that make it wrong, and the fix.</param>
public sealed record ShapeViolation(string Id, int LayerIndex, string? Argument, string Message);
