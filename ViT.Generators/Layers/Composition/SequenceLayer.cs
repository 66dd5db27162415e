using System.Collections.Generic;
using System.Linq;
using ViT.Generators.Diagnostics;
using ViT.Generators.Emit;
using ViT.Generators.Helpers;
using ViT.Generators.Shapes;
using ViT.Generators.Shared;
using ViT.Generators.Specs;
using ViT.Generators.Specs.Expressions;

namespace ViT.Generators.Layers.Composition;

/// <summary>
/// <c>[Repeat(count, typeof(B), arguments)]</c>: B used <see cref="Count"/> times in a row, each use checked against what
/// the one before gives (the first may get other values, <c>First</c>: the stride of a ResNet stage). With a
/// <c>Name</c> the uses form one module of that name, numbered inside it as <c>nn.Sequential</c> numbers
/// (<c>layer1.0</c>, <c>layer1.1</c>); without one they take this class's next positions.
/// </summary>
public sealed record SequenceLayer(ModelReference Block, int Count, UseArguments Arguments, UseArguments First, string FirstItemName) : Layer
{
    public override string AttributeName => "Repeat";

    /// <summary>The uses as resolved steps (set by <see cref="Infer"/>).</summary>
    public EquatableArray<LayerStep> Items { get; init; } = EquatableArray<LayerStep>.Empty;

    /// <summary>The trace of the named module that holds the uses (set by <see cref="Infer"/>; null without a name).</summary>
    public ShapeTrace? Container { get; init; }

    /// <summary>The leading tokens of the output that are not patches (set by <see cref="Infer"/>).</summary>
    public PrefixTokens Prefix { get; init; }

    bool IsGroup => DeclaredName is not null;

    public override int Positions => IsGroup ? 1 : Count;

    public override IEnumerable<ShapeTrace> Modules =>
        IsGroup ? (Container is { } container ? new[] { container } : System.Array.Empty<ShapeTrace>()) : Items.SelectMany(s => s.Layer.Modules);

    public override LayerStep? Infer(Shape input, InferenceContext context)
    {
        if (!context.RequireRank(input, "", null, 1, 2, 3) || !context.Positive("count", Count)) return null;
        if (Count > RepeatReader.MaxCount)
        {
            context.Error(DiagnosticIds.ModelTooLarge, "count", $"{Count} uses is more than ViT# repeats ({RepeatReader.MaxCount}); use fewer");
            return null;
        }

        if (FirstItemName != "0" && RepeatReader.ItemName(FirstItemName, 0) is var itemName && !StateNames.IsValid(itemName))
        {
            // the uses' names differ from the first's only in their trailing number
            context.Error(DiagnosticIds.LayerNameInvalid, nameof(RepeatAttribute.FirstItemName), StateNames.Problem(nameof(RepeatAttribute.FirstItemName), FirstItemName));
            return null;
        }

        var items = new List<Layer>();
        for (int i = 0; i < Count; i++)
        {
            UseArguments arguments;
            try
            {
                arguments = RepeatReader.ArgumentsOf(i, Arguments, First);
            }
            catch (EvaluationException e)
            {
                context.Error(DiagnosticIds.BlockArgumentInvalid, "arguments", $"use {i} of the repeat: {e.Message}");
                return null;
            }

            items.Add(new ComposedLayer(Block, false, arguments, false, 0)
            {
                AttributeIndex = context.AttributeIndex,
                DeclaredName = IsGroup || FirstItemName != "0" ? RepeatReader.ItemName(FirstItemName, i) : null,
            });
        }
        var steps = new List<LayerStep>();
        var shape = input;
        var prefix = context.Prefix;
        for (int i = 0; i < items.Count; i++)
        {
            var nested = context.Nested(items, i, steps, prefix, IsGroup ? i : context.Position + i);
            var step = items[i].Infer(shape, nested);
            context.Uses += nested.Uses;
            context.Depth = System.Math.Max(context.Depth, nested.Depth);
            if (step is null || nested.Failed) return null;
            steps.Add(step);
            prefix = step.Layer.PrefixAfter(prefix, shape, step.Output);
            shape = step.Output;
        }

        long parameters = Sizes.Sum(steps.Select(s => s.Parameters));
        long flops = Sizes.Sum(steps.Select(s => s.Flops));
        long activations = Sizes.Sum(steps.Select(s => s.Activations));
        string name = context.SequentialName;
        var rows = steps.SelectMany(s => s.Rows).ToList();
        ShapeTrace? container = null;
        if (IsGroup)
        {
            container = new ShapeTrace(input, shape, steps.ToEquatableArray(), EquatableArray<ShapeViolation>.Empty)
            {
                ModelName = Block.Name.Split('.').Last() + "Sequence",
                FullName = Block.FullName + "Sequence",
                Initialization = context.Initialization,
                Uses = context.Uses,
            };
            rows = rows.Select(r => r with { Name = name + "." + r.Name, Depth = r.Depth + 1 })
                .Prepend(new SummaryRow(name, $"{Count} × {Block.Name}", shape, parameters)).ToList();
        }

        var resolved = this with { Items = steps.ToEquatableArray(), Container = container, Prefix = prefix };
        return context.Step(resolved, name, input, shape, parameters, flops, activations, rows);
    }

    public override PrefixTokens PrefixAfter(PrefixTokens before, Shape input, Shape output) => Prefix;

    /// <summary>Without a name, the uses are the class's own layers at its positions: they move, each with its rows.</summary>
    public override LayerStep MovedBy(LayerStep step, int offset)
    {
        if (IsGroup) return base.MovedBy(step, offset);
        var items = Items.Select(i => i.Layer.MovedBy(i, offset)).ToEquatableArray();
        return base.MovedBy(step, offset) with { Layer = this with { Items = items }, Rows = items.SelectMany(i => i.Rows).ToEquatableArray() };
    }

    public override void EmitFields(LayerStep step, EmitScope scope)
    {
        if (IsGroup) scope.DeclareField(step, scope.Specialization(Container!), "stage");
        else foreach (var item in Items) item.Layer.EmitFields(item, scope);
    }

    public override void EmitConstruction(LayerStep step, EmitScope scope)
    {
        if (IsGroup) scope.Code.Line($"{scope.Field(step, "stage")} = new {scope.Specialization(Container!)}({scope.Compute});");
        else foreach (var item in Items) item.Layer.EmitConstruction(item, scope);
    }

    public override void EmitForward(LayerStep step, EmitScope scope)
    {
        if (IsGroup) scope.Code.Line($"x = {scope.Field(step, "stage")}.forward(x);", step.Output.Batched + $" ({Count} × {Block.Name})");
        else foreach (var item in Items) item.Layer.EmitForward(item, scope);
    }

    public override void EmitOnnx(LayerStep step, EmitScope scope)
    {
        if (IsGroup) scope.Code.Line($"x = {scope.Field(step, "stage")}.AppendOnnx(onnx, x, {OnnxCode.Name(step.Name + ".")});", step.Output.Batched + $" ({Count} × {Block.Name})");
        else foreach (var item in Items) item.Layer.EmitOnnx(item, scope);
    }

    public override void EmitPythonInit(LayerStep step, PythonScope scope)
    {
        if (IsGroup) scope.AddModule(step, $"{scope.File.ClassFor(Container!)}()");
        else foreach (var item in Items) item.Layer.EmitPythonInit(item, scope);
    }

    public override void EmitPythonForward(LayerStep step, PythonScope scope)
    {
        if (IsGroup) scope.Code.Line($"x = {scope.Module(step)}(x)", step.Output.Batched + $" ({Count} × {Block.Name})");
        else foreach (var item in Items) item.Layer.EmitPythonForward(item, scope);
    }

    public override void EmitPythonInitialization(LayerStep step, PythonScope scope)
    {
        if (!IsGroup) foreach (var item in Items) item.Layer.EmitPythonInitialization(item, scope);
    }
}
