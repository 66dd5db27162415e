using System.Linq;
using ViT.Generators.Diagnostics;
using ViT.Generators.Emit;
using ViT.Generators.Helpers;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;

namespace ViT.Generators.Layers;

/// <summary>
/// <c>[Input(channels, height, width)]</c>, <c>[Input(tokens, dim)]</c> or <c>[Input(features)]</c>: the shape of one
/// sample. First, exactly once; it emits nothing of its own (the model's input guard is written from the trace).
/// </summary>
public sealed record InputLayer(EquatableArray<long> Dims) : Layer
{
    static readonly string[][] Signatures = { new[] { "channels", "height", "width" }, new[] { "tokens", "dim" }, new[] { "features" } };

    public override string AttributeName => "Input";

    public override int Positions => 0;

    public static Layer Read(AttributeArguments a)
    {
        var names = Signatures.FirstOrDefault(s => s.All(a.Has) && a.Count == s.Length);
        if (names is null || names.Any(n => a.Int(n) is null)) return new UnreadableLayer(a.AttributeName);
        return new InputLayer(names.Select(n => (long)a.Int(n)!.Value).ToEquatableArray());
    }

    public override LayerStep? Infer(Shape input, InferenceContext context)
    {
        if (input.Rank != 0)
        {
            context.Error(DiagnosticIds.DuplicateLayer, null, "[Input] appears more than once; a model has one input, declared first");
            return null;
        }

        var names = Signatures.First(s => s.Length == Dims.Count);
        for (int i = 0; i < Dims.Count; i++) context.Positive(names[i], Dims[i]);
        if (context.Failed) return null;
        var shape = new Shape(Dims);
        return context.Step(this, "input", input, shape, parameters: 0, flops: 0, activations: 0, rows: System.Array.Empty<SummaryRow>());
    }

    public override PrefixTokens PrefixAfter(PrefixTokens before, Shape input, Shape output) => before;

    public override void EmitForward(LayerStep step, EmitScope scope)
    {
        // The model's input guard (written by the emitter from the trace) stands for this layer.
    }

    public override void EmitOnnx(LayerStep step, EmitScope scope)
    {
        // The graph's input (declared by the export, with the batch dynamic) stands for this layer.
    }

    public override void EmitPythonForward(LayerStep step, PythonScope scope)
    {
        // As EmitForward: nothing to write.
    }
}
