using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ViT.Generators.Diagnostics;
using ViT.Generators.Emit;
using ViT.Generators.Helpers;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;
using ViT.Generators.Shared;
using ViT.Generators.Specs;
using ViT.Generators.Specs.Expressions;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Layers.Composition;

/// <summary>
/// <c>[Layer(typeof(M))]</c> and <c>[Residual(typeof(M))]</c>: another class used as a layer, its output passed on or,
/// as a residual, added to its input. A model is used as it is (its <c>[Input]</c> must equal the incoming shape, and
/// its own class is created); a block, or a class given values for its constants, is checked against what arrives
/// and written as a class of its own for this use. Its weights sit under this layer's name, its rows under this
/// layer's row; an inlined class's layers are this class's own, with their own names.
/// </summary>
public sealed record ComposedLayer(ModelReference Model, bool IsResidual, UseArguments Arguments, bool Inline, double DropPath) : Layer
{
    static readonly LayerAttribute LayerDefaults = new(typeof(object));

    public override string AttributeName => IsResidual ? "Residual" : "Layer";

    /// <summary>The used class's trace at this use (set by <see cref="Infer"/>).</summary>
    public ShapeTrace? Inner { get; init; }

    /// <summary>Whether a class is written for this use (a block, values for its constants, or inlined), rather than the model's own created (set by <see cref="Infer"/>).</summary>
    public bool Specialized { get; init; }

    /// <summary>The leading tokens of the output that are not patches (set by <see cref="Infer"/>).</summary>
    public PrefixTokens Prefix { get; init; }

    public override int Positions => Inline && Inner is { } inner ? inner.Steps.Sum(s => s.Layer.Positions) : 1;

    public override IEnumerable<ShapeTrace> Modules =>
        Inner is null ? System.Array.Empty<ShapeTrace>() : Inline ? Inner.Steps.SelectMany(s => s.Layer.Modules) : Specialized ? new[] { Inner } : System.Array.Empty<ShapeTrace>();

    public static Layer ReadLayer(AttributeArguments a) => a.Model("model") is { } model
        ? new ComposedLayer(model, false, a.Use("arguments"), a.Bool(nameof(LayerAttribute.Inline)) ?? LayerDefaults.Inline, 0)
        : new UnreadableLayer(a.AttributeName);

    public static Layer ReadResidual(AttributeArguments a) => a.Model("block") is { } block
        ? new ComposedLayer(block, true, a.Use("arguments"), false, a.Double(nameof(ResidualAttribute.DropPath)) ?? 0)
        : new UnreadableLayer(a.AttributeName);

    string Argument => IsResidual ? "block" : "model";

    public override LayerStep? Infer(Shape input, InferenceContext context)
    {
        if (!context.RequireRank(input, "", null, 1, 2, 3)) return null;
        if (!context.Rate(nameof(DropPath), DropPath)) return null;
        string name = context.SequentialName;
        if (UseSite.Infer(context, Model, Arguments, input, Argument, name, specialize: Inline) is not { } use) return null;
        var inner = Inline ? Renumbered(use.Trace, context.Position) : use.Trace;
        if (IsResidual && !inner.OutputShape.Equals(input))
        {
            context.Error(DiagnosticIds.ResidualChangesShape, Argument, $"A residual block must give back the shape it receives, but {Model.Name} maps {input} to {inner.OutputShape}, so x + block(x) cannot be added; make its last layers return {input}, or use [Layer(typeof({Model.Name}))]");
            return null;
        }

        var prefix = context.Prefix;
        foreach (var step in inner.Steps) prefix = step.Layer.PrefixAfter(prefix, step.Input, step.Output);
        var resolved = this with { Inner = inner, Specialized = use.Specialized, Prefix = IsResidual ? context.Prefix : prefix };
        var rows = Inline
            ? inner.Rows
            : inner.Rows.Select(r => r with { Name = name + "." + r.Name, Depth = r.Depth + 1 }).Prepend(
                new SummaryRow(name, IsResidual ? $"Residual: x + {use.Description}(x)" : use.Description, inner.OutputShape, inner.TotalParameters)).ToEquatableArray();
        long activations = Sizes.Add(inner.ActivationElements, IsResidual ? inner.OutputShape.Elements : 0);
        return context.Step(resolved, name, input, inner.OutputShape, inner.TotalParameters, inner.ForwardFlops, activations, rows);
    }

    public override PrefixTokens PrefixAfter(PrefixTokens before, Shape input, Shape output) => Prefix;

    /// <summary>
    /// An inlined class's steps numbered from this layer's position, as if written here: a layer named by its position
    /// 2 in the class becomes position + 2, as do those of a class inlined inside it.
    /// </summary>
    static ShapeTrace Renumbered(ShapeTrace inner, int offset) =>
        offset == 0 ? inner : inner with { Steps = inner.Steps.Select(s => s.Layer.MovedBy(s, offset)).ToEquatableArray() };

    /// <summary>Inlined, its inlined class's layers move with it (they are the using class's own); otherwise it moves as any layer.</summary>
    public override LayerStep MovedBy(LayerStep step, int offset)
    {
        if (!Inline || Inner is null) return base.MovedBy(step, offset);
        var inner = Renumbered(Inner, offset);
        return base.MovedBy(step, offset) with { Layer = this with { Inner = inner }, Rows = inner.Rows };
    }

    string FieldPrefix => IsResidual ? "res" : "block";

    public override void EmitFields(LayerStep step, EmitScope scope)
    {
        if (Inline) Inlined(scope, s => s.Layer.EmitFields(s, scope));
        else scope.DeclareField(step, Specialized ? scope.Specialization(Inner!) : Model.GlobalName, FieldPrefix);
    }

    public override void EmitConstruction(LayerStep step, EmitScope scope)
    {
        if (Inline) Inlined(scope, s => s.Layer.EmitConstruction(s, scope));
        else scope.Code.Line(Specialized ? $"{scope.Field(step, FieldPrefix)} = new {scope.Specialization(Inner!)}({scope.Compute});" : $"{scope.Field(step, FieldPrefix)} = new {Model.GlobalName}();");
    }

    public override void EmitForward(LayerStep step, EmitScope scope)
    {
        if (Inline)
        {
            Inlined(scope, s => s.Layer.EmitForward(s, scope), keep: input => scope.Code.Line($"{Tensor} {input} = x;", step.Input.Batched + $" ({Model.Name}'s input)"));
            return;
        }

        string output = $"{scope.Field(step, FieldPrefix)}.forward(x)";
        if (DropPath > 0) output = $"global::ViT.DropPath.Apply({output}, {Fmt.D(DropPath)}, {scope.Training})";
        scope.Code.Line(IsResidual ? $"x = x + {output};" : $"x = {output};", step.Output.Batched + $" ({Model.Name})");
    }

    public override void EmitInitialization(LayerStep step, EmitScope scope)
    {
        if (Inline) Inlined(scope, s => s.Layer.EmitInitialization(s, scope));
    }

    public override void EmitOnnx(LayerStep step, EmitScope scope)
    {
        if (Inline)
        {
            Inlined(scope, s => s.Layer.EmitOnnx(s, scope), keep: input => scope.Code.Line($"string {input} = x;"));
            return;
        }

        string inner = Specialized
            ? $"{scope.Field(step, FieldPrefix)}.AppendOnnx(onnx, x, {OnnxCode.Name(step.Name + ".")})"
            : $"onnx.Append({scope.Field(step, FieldPrefix)}, x, {OnnxCode.Name(step.Name + ".")})";
        scope.Code.Line(IsResidual ? $"x = onnx.Add(x, {inner});" : $"x = {inner};", step.Output.Batched + $" ({Model.Name})");
    }

    public override void EmitTypes(LayerStep step, EmitScope scope)
    {
        if (Inline) Inlined(scope, s => s.Layer.EmitTypes(s, scope));
    }

    public override void EmitPythonInit(LayerStep step, PythonScope scope)
    {
        if (Inline) Inlined(scope, s => s.Layer.EmitPythonInit(s, scope));
        else scope.AddModule(step, $"{scope.File.ClassFor(Inner!)}()");
    }

    public override void EmitPythonForward(LayerStep step, PythonScope scope)
    {
        if (Inline)
        {
            Inlined(scope, s => s.Layer.EmitPythonForward(s, scope), keep: input => scope.Code.Line($"{input} = x", step.Input.Batched + $" ({Model.Name}'s input)"));
            return;
        }

        string output = $"{scope.Module(step)}(x)";
        if (DropPath > 0) output = $"{scope.File.DropPath()}({output}, {Python.Float(DropPath)}, self.training)";
        scope.Code.Line(IsResidual ? $"x = x + {output}" : $"x = {output}", step.Output.Batched + $" ({Model.Name})");
    }

    public override void EmitPythonInitialization(LayerStep step, PythonScope scope)
    {
        if (Inline) Inlined(scope, s => s.Layer.EmitPythonInitialization(s, scope));
    }

    /// <summary>
    /// Writes a section of the inlined class's steps in this scope (TorchSharp's or the twin's), with that class's
    /// initialisation scheme and, when its steps combine with its input, that input kept in a local of its own
    /// (<paramref name="keep"/> declares it).
    /// </summary>
    void Inlined(ILayerScope scope, System.Action<LayerStep> write, System.Action<string>? keep = null)
    {
        var (initialization, input) = (scope.Initialization, scope.Input);
        scope.Initialization = Inner!.Initialization;
        if (keep is not null && Inner.UsesInput)
        {
            scope.Input = scope.LocalName("input");
            keep(scope.Input);
        }

        foreach (var step in Inner.Steps) write(step);
        (scope.Initialization, scope.Input) = (initialization, input);
    }
}
