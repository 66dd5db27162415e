using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ViT.Generators.Composition;
using ViT.Generators.Declarations;
using ViT.Generators.Diagnostics;
using ViT.Generators.Helpers;
using ViT.Generators.Layers;
using ViT.Generators.Shared;
using ViT.Generators.Specs;
using ViT.Generators.Specs.Expressions;

namespace ViT.Generators.Shapes;

/// <summary>
/// The layer algebra of DESIGN.md as a pure function: each layer, in source order, receives the shape the one before
/// produced and says what it makes of it (<see cref="Layer.Infer"/>). Order is checked by shapes, not by a list. A block
/// is inferred where it is used, with the shape that arrives there. No Roslyn, no TorchSharp; never throws. What follows
/// the layers is about the model as a whole: its names, and whether it is too large to build or to train.
/// </summary>
public static class ShapeInference
{
    /// <summary>More parameters than this (a trillion) cannot be built.</summary>
    public const long MaxParameters = 1_000_000_000_000;

    /// <summary>More parameters than this (40 GB of float32 weights) is almost always a typo: a warning.</summary>
    public const long VeryLargeParameters = 10_000_000_000;

    /// <summary>More activation memory than this per sample (1 GiB in float32) draws a warning: a batch of 64 would need 64 GiB.</summary>
    public const long LargeActivationBytes = 1L << 30;

    /// <summary>The trace of a model as the generator and the analyzers see it (for a block, only what is wrong with it on its own).</summary>
    public static ShapeTrace Infer(ModelSpec spec)
    {
        var violations = DeclarationRules.Check(spec);
        if (spec.IsBlock)
        {
            violations.AddRange(BlockErrors(spec));
            return Identify(new ShapeTrace(Shape.None, Shape.None, EquatableArray<LayerStep>.Empty, violations.ToEquatableArray()), spec);
        }

        var session = new InferenceSession(spec);
        var (inferred, _) = session.Infer(spec, DefaultBindings(spec));
        var trace = inferred!;
        violations.AddRange(trace.Violations);
        if (trace.IsValid && violations.All(v => v.IsWarning)) CheckSize(spec, trace, violations);
        return trace with { Violations = violations.ToEquatableArray() };
    }

    /// <summary>A model's declared values, with its <c>[Input]</c> as <c>In</c>: how it is read on its own.</summary>
    internal static Bindings DefaultBindings(ModelSpec spec) => WithDeclaredInput(spec, Instantiation.Defaults(spec, Shape.None));

    /// <summary>A model's values with its <c>[Input]</c>, read with those values (<c>[Input(3, Size, Size)]</c>), as <c>In</c>; a block's as they are.</summary>
    internal static Bindings WithDeclaredInput(ModelSpec spec, Bindings bindings)
    {
        if (spec.IsBlock) return bindings;
        var input = Instantiation.Layers(spec with { Layers = spec.Layers.Where(l => l.AttributeName == LayerCatalog.Input).Take(1).ToEquatableArray() }, bindings)
            .OfType<InputLayer>().FirstOrDefault();
        return bindings with { Input = input is { } declared && declared.Dims.All(d => d > 0) ? new Shape(declared.Dims) : Shape.None };
    }

    /// <summary>
    /// The layers of <paramref name="spec"/> read with <paramref name="bindings"/>, each inferred from what the one
    /// before gives: a block starts from the shape it receives (<c>bindings.Input</c>), a model from its <c>[Input]</c>.
    /// </summary>
    internal static ShapeTrace InferLayers(ModelSpec spec, Bindings bindings, InferenceSession session)
    {
        var layers = Instantiation.Layers(spec, bindings);
        var violations = new List<ShapeViolation>();
        var steps = new List<LayerStep>();
        var shape = spec.IsBlock ? bindings.Input : Shape.None;
        var prefix = PrefixTokens.None;
        int position = 0, uses = 0, depth = 0;
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            var context = new InferenceContext(spec, layers, i, steps, prefix, bindings.Input, position, session, violations, uses, SchemeOf(spec, bindings));
            if (layer.DeclaredName is { } declared && !StateNames.IsValid(declared))
            {
                context.Error(DiagnosticIds.LayerNameInvalid, nameof(Shared.LayerAttributeBase.Name), StateNames.Problem(nameof(Shared.LayerAttributeBase.Name), declared));
                break;
            }

            var step = layer.Infer(shape, context);
            if (step is null || context.Failed) break;
            if (step.Output.Elements == long.MaxValue)
            {
                // Sizes saturate instead of overflowing; a sample this large is no tensor (PyTorch counts elements in 64 bits).
                context.Error(DiagnosticIds.ModelTooLarge, null, $"[{layer.AttributeName}] would give each sample the shape {step.Output}, more elements than a tensor can hold (2^63); use smaller sizes");
                break;
            }

            steps.Add(step);
            prefix = step.Layer.PrefixAfter(prefix, shape, step.Output);
            shape = step.Output;
            position += step.Layer.Positions;
            uses = (int)Math.Min(int.MaxValue, (long)uses + context.Uses);
            depth = Math.Max(depth, context.Depth);
        }

        if (!spec.IsBlock && spec.Layers.Count == 0)
        {
            violations.Add(new(DiagnosticIds.InputMissingOrNotFirst, -1, null, $"The model {spec.ClassName} has no [Input(channels, height, width)]; add one as its first layer"));
        }
        else if (!spec.IsBlock && layers.Count == 1 && steps.Count == 1)
        {
            violations.Add(new(DiagnosticIds.LayerOutOfOrder, layers[0].AttributeIndex, null, $"[{layers[0].AttributeName}] alone is not a model; add layers after it, such as [Patchify(patch)] or [Conv2d(channels, kernel)]"));
        }

        if (violations.All(v => v.IsWarning)) CheckNames(steps, violations);
        var input = spec.IsBlock ? bindings.Input : steps.Count > 0 ? steps[0].Output : Shape.None;
        var trace = new ShapeTrace(input, shape, steps.ToEquatableArray(), violations.ToEquatableArray()) { Uses = uses, Depth = depth };
        return Identify(trace, spec) with { Initialization = SchemeOf(spec, bindings) };
    }

    /// <summary>
    /// The initialisation scheme of <paramref name="spec"/> at a use: a block without an <c>[Initialize]</c> of its own
    /// follows the class that uses it, as one initialisation loop over a PyTorch model reaches every submodule.
    /// </summary>
    static Shared.Initialization SchemeOf(ModelSpec spec, Bindings bindings) =>
        bindings.Inherited ?? spec.Initialization;

    /// <summary>
    /// What is wrong with a block whatever it is used with: an <c>[Input]</c> (a block takes what arrives), attributes
    /// that cannot be read, expressions the generator cannot evaluate. Its constants take their declared values here.
    /// </summary>
    public static List<ShapeViolation> BlockErrors(ModelSpec spec)
    {
        var violations = new List<ShapeViolation>();
        var layers = Instantiation.Layers(spec, Bindings.Placeholders(spec.Parameters));
        var session = new InferenceSession(spec);
        for (int i = 0; i < layers.Count; i++)
        {
            var context = new InferenceContext(spec, layers, i, Array.Empty<LayerStep>(), PrefixTokens.None, Shape.None, i, session, violations);
            switch (layers[i])
            {
                case InputLayer:
                    context.Error(DiagnosticIds.DuplicateLayer, null, $"{spec.ClassName} is a [Block], which fits what arrives where it is used; remove its [Input] (or [Block], to make it a model of its own)");
                    break;
                case UnreadableLayer or InvalidArgumentLayer { IsOwn: true }:
                    layers[i].Infer(Shape.None, context);
                    break;
                case { DeclaredName: { } name } when !StateNames.IsValid(name):
                    context.Error(DiagnosticIds.LayerNameInvalid, nameof(Shared.LayerAttributeBase.Name), StateNames.Problem(nameof(Shared.LayerAttributeBase.Name), name));
                    break;
            }
        }

        return violations;
    }

    static ShapeTrace Identify(ShapeTrace trace, ModelSpec spec) =>
        trace with { ModelName = spec.ClassName, FullName = spec.FullName, Initialization = spec.Initialization, IsBlock = spec.IsBlock };

    /// <summary>Two layers that hold weights may not share a state-dict name (VIT0032): the second could not be saved or loaded.</summary>
    static void CheckNames(List<LayerStep> steps, List<ShapeViolation> violations)
    {
        var owners = new Dictionary<string, LayerStep>();
        foreach (var step in steps)
        {
            foreach (string name in step.Rows.Where(r => r.Depth == 0 && r.Parameters > 0).Select(r => r.Name.Split('.')[0]).Distinct())
            {
                if (owners.TryGetValue(name, out var first) && first != step)
                {
                    violations.Add(new(DiagnosticIds.LayerNameInvalid, step.Layer.AttributeIndex, step.Layer.DeclaredName is null ? null : nameof(Shared.LayerAttributeBase.Name),
                        $"The state-dict name {name} is taken by [{first.Layer.AttributeName}] before this [{step.Layer.AttributeName}], and both hold weights; give one of them another Name"));
                    return;
                }

                owners[name] = step;
            }
        }
    }

    static void CheckSize(ModelSpec spec, ShapeTrace trace, List<ShapeViolation> violations)
    {
        long total = trace.TotalParameters;
        var largest = trace.Steps.OrderByDescending(s => s.Parameters).FirstOrDefault();
        int at = largest?.Layer.AttributeIndex ?? -1;
        if (total > MaxParameters)
        {
            violations.Add(new(DiagnosticIds.ModelTooLarge, at, null, Invariant($"The model would have {total:N0} parameters, more than ViT# builds ({MaxParameters:N0}), {largest?.Parameters:N0} of them in {largest?.Name}; make it smaller")));
            return;
        }

        if (total > VeryLargeParameters)
        {
            violations.Add(new(DiagnosticIds.VeryLargeModel, at, null, Invariant($"The model {spec.ClassName} would have {total:N0} parameters ({total * 4.0 / 1e9:0.#} GB of float32 weights), {largest?.Parameters:N0} of them in {largest?.Name}; check the sizes for a typo")) { IsWarning = true });
        }

        long bytes = Sizes.Mul(trace.ActivationElements, 4);
        if (bytes > LargeActivationBytes)
        {
            var widest = trace.Steps.OrderByDescending(s => s.Activations).First();
            violations.Add(new(DiagnosticIds.LargeActivations, widest.Layer.AttributeIndex, null, Invariant($"Training {spec.ClassName} keeps about {SummaryTable.Memory(bytes)} of activations per image ({SummaryTable.Memory(Sizes.Mul(widest.Activations, 4))} in {widest.Name}), so a batch of 64 needs {SummaryTable.Memory(Sizes.Mul(bytes, 64))}; use fewer tokens (a larger patch), a smaller width, or smaller images")) { IsWarning = true });
        }
    }

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
