using System.Collections.Generic;
using System.Linq;
using ViT.Generators.Diagnostics;
using ViT.Generators.Emit;
using ViT.Generators.Helpers;
using ViT.Generators.Layers.Composition;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;
using ViT.Generators.Shared;
using ViT.Generators.Specs;
using ViT.Generators.Specs.Expressions;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Layers.Branches;

/// <summary>
/// <c>[AddInput(shortcut)]</c>: the residual connection inside a block, <c>x + input</c>. Where what the layers made has
/// the input's shape, the input is added as it is; where it differs, the input goes through the shortcut block first
/// (torchvision's <c>downsample</c>), which must give the same shape. Optionally drops the layers' branch per sample
/// while training (stochastic depth).
/// </summary>
public sealed record AddInputLayer(ModelReference? Shortcut, UseArguments Arguments, double DropPath) : Layer
{
    public override string AttributeName => "AddInput";

    public override bool UsesInput => true;

    /// <summary>The shortcut's use where the shapes differ (set by <see cref="Infer"/>; null where the input is added as it is).</summary>
    public ShapeTrace? ShortcutTrace { get; init; }

    /// <summary>Whether a class is written for the shortcut's use (set by <see cref="Infer"/>).</summary>
    public bool Specialized { get; init; }

    public override IEnumerable<ShapeTrace> Modules => ShortcutTrace is { } trace && Specialized ? new[] { trace } : System.Array.Empty<ShapeTrace>();

    public static Layer Read(AttributeArguments a) =>
        new AddInputLayer(a.Model("shortcut"), a.Use("arguments"), a.Double(nameof(AddInputAttribute.DropPath)) ?? 0);

    public override LayerStep? Infer(Shape input, InferenceContext context)
    {
        if (!context.RequireRank(input, "", null, 1, 2, 3) || !context.Rate(nameof(DropPath), DropPath)) return null;
        var received = context.ClassInput;
        string name = context.SequentialName;
        if (received.Equals(input))
        {
            // The name is the shortcut's, which this use has none of: the step keeps its position.
            return context.Step(this, context.PositionName, input, input, DropPath > 0 ? $"x + input (drop path {Fmt.D(DropPath)})" : "x + input", parameters: 0);
        }

        if (Shortcut is null)
        {
            context.Error(DiagnosticIds.ResidualChangesShape, null, $"[AddInput] adds {context.Spec.ClassName}'s input {received} to what its layers made of it, {input}, and the shapes differ; give it a shortcut for where they do, [AddInput(typeof(Projection))] (as torchvision's downsample), or make the layers keep the shape");
            return null;
        }

        if (UseSite.Infer(context, Shortcut, Arguments, received, "shortcut", name) is not { } use) return null;
        var shortcut = use.Trace;
        if (!shortcut.OutputShape.Equals(input))
        {
            context.Error(DiagnosticIds.BranchShapesDisagree, "shortcut", $"The shortcut {Shortcut.Name} maps {context.Spec.ClassName}'s input {received} to {shortcut.OutputShape}, but its layers give {input}, so the two cannot be added; make {Shortcut.Name} give {input}{Hint(received, input)}");
            return null;
        }

        var rows = shortcut.Rows.Select(r => r with { Name = name + "." + r.Name, Depth = r.Depth + 1 })
            .Prepend(new SummaryRow(name, $"Shortcut: x + {use.Description}(input)", input, shortcut.TotalParameters));
        return context.Step(this with { ShortcutTrace = shortcut, Specialized = use.Specialized }, name, input, input, shortcut.TotalParameters, shortcut.ForwardFlops, Sizes.Add(shortcut.ActivationElements, input.Elements), rows);
    }

    /// <summary>For images: the width and stride that would map one shape to the other.</summary>
    static string Hint(Shape from, Shape to) =>
        from.IsImage && to.IsImage && to[1] > 0 && from[1] % to[1] == 0 ? $" (here: {to[0]} channels, stride {from[1] / to[1]})" : "";

    public override void EmitFields(LayerStep step, EmitScope scope)
    {
        if (ShortcutTrace is not null) scope.DeclareField(step, Type(scope), "shortcut");
    }

    public override void EmitConstruction(LayerStep step, EmitScope scope)
    {
        if (ShortcutTrace is not null) scope.Code.Line($"{scope.Field(step, "shortcut")} = new {Type(scope)}({(Specialized ? scope.Compute : "")});");
    }

    string Type(EmitScope scope) => Specialized ? scope.Specialization(ShortcutTrace!) : Shortcut!.GlobalName;

    public override void EmitForward(LayerStep step, EmitScope scope)
    {
        string branch = DropPath > 0 ? $"global::ViT.DropPath.Apply(x, {Fmt.D(DropPath)}, {scope.Training})" : "x";
        string skip = ShortcutTrace is null ? scope.Input : $"{scope.Field(step, "shortcut")}.forward({scope.Input})";
        scope.Code.Line($"x = {branch} + {skip};", step.Output.Batched + (ShortcutTrace is null ? " (x + input)" : $" (x + {Shortcut!.Name}(input))"));
    }

    public override void EmitOnnx(LayerStep step, EmitScope scope)
    {
        string skip = ShortcutTrace is null ? scope.Input
            : Specialized ? $"{scope.Field(step, "shortcut")}.AppendOnnx(onnx, {scope.Input}, {OnnxCode.Name(step.Name + ".")})"
            : $"onnx.Append({scope.Field(step, "shortcut")}, {scope.Input}, {OnnxCode.Name(step.Name + ".")})";
        scope.Code.Line($"x = onnx.Add(x, {skip});", step.Output.Batched);
    }

    public override void EmitPythonInit(LayerStep step, PythonScope scope)
    {
        if (ShortcutTrace is not null) scope.AddModule(step, $"{scope.File.ClassFor(ShortcutTrace)}()");
    }

    public override void EmitPythonForward(LayerStep step, PythonScope scope)
    {
        string branch = DropPath > 0 ? $"{scope.File.DropPath()}(x, {Python.Float(DropPath)}, self.training)" : "x";
        string skip = ShortcutTrace is null ? scope.Input : $"{scope.Module(step)}({scope.Input})";
        scope.Code.Line($"x = {branch} + {skip}", step.Output.Batched + (ShortcutTrace is null ? " (x + input)" : $" (x + {Shortcut!.Name}(input))"));
    }
}
