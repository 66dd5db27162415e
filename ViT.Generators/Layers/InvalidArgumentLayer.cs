using ViT.Generators.Diagnostics;
using ViT.Generators.Emit;
using ViT.Generators.Shapes;

namespace ViT.Generators.Layers;

/// <summary>An attribute with an argument that has no value at this use (VIT0031): reported with the reason, never guessed at.</summary>
/// <param name="Name">The attribute's short name.</param>
/// <param name="Argument">The argument at fault.</param>
/// <param name="Reason">Why it has no value, with the fix.</param>
/// <param name="IsOwn">Whether it fails at every use (an expression the generator cannot read), so it is the class's own error, not the use's.</param>
public sealed record InvalidArgumentLayer(string Name, string Argument, string Reason, bool IsOwn) : Layer
{
    public override string AttributeName => Name;

    public override LayerStep? Infer(Shape input, InferenceContext context)
    {
        context.Error(DiagnosticIds.BlockArgumentInvalid, Argument, Reason);
        return null;
    }

    public override void EmitForward(LayerStep step, EmitScope scope)
    {
        // Never reached: the layer fails inference, and invalid models are not emitted.
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
