using ViT.Generators.Diagnostics;
using ViT.Generators.Emit;
using ViT.Generators.Shapes;

namespace ViT.Generators.Layers;

/// <summary>An attribute whose arguments could not be read (half-typed, mistyped): reported, never guessed at.</summary>
public sealed record UnreadableLayer(string Name) : Layer
{
    public override string AttributeName => Name;

    public override LayerStep? Infer(Shape input, InferenceContext context)
    {
        context.Error(DiagnosticIds.UnreadableAttribute, null, $"The arguments of [{Name}] could not be read; give every required argument as a constant of the right type");
        return null;
    }

    public override void EmitForward(LayerStep step, EmitScope scope)
    {
        // Never reached: an unreadable layer fails inference, and invalid models are not emitted.
    }

    public override void EmitOnnx(LayerStep step, EmitScope scope)
    {
        // Never reached, as EmitForward.
    }

    public override void EmitPythonForward(LayerStep step, PythonScope scope)
    {
        // As EmitForward: nothing to write.
    }
}
