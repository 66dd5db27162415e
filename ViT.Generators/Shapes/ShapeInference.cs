using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ViT.Generators.Diagnostics;
using ViT.Generators.Helpers;
using ViT.Generators.Parsing;
using ViT.Generators.Shared;

namespace ViT.Generators.Shapes;

/// <summary>
/// The layer algebra of DESIGN.md as a pure function: each layer, in source order, receives the shape the one before
/// produced and says what it makes of it (<see cref="Layers.Layer.Infer"/>). Order is checked by shapes, not by a
/// list. No Roslyn, no TorchSharp; never throws. What follows is about the model as a whole: how it is declared, and
/// whether it is too large to build or to train.
/// </summary>
public static class ShapeInference
{
    /// <summary>More parameters than this (a trillion) cannot be built.</summary>
    public const long MaxParameters = 1_000_000_000_000;

    /// <summary>More parameters than this (40 GB of float32 weights) is almost always a typo: a warning.</summary>
    public const long VeryLargeParameters = 10_000_000_000;

    /// <summary>More activation memory than this per sample (1 GiB in float32) draws a warning: a batch of 64 would need 64 GiB.</summary>
    public const long LargeActivationBytes = 1L << 30;

    /// <summary>The members every generated model declares; a user member of the same name would clash.</summary>
    public static readonly string[] GeneratedMembers = { "forward", "ParameterCount", "InputShape", "OutputShape", "ModelSummary", "Summary", "ExportOnnx", "Precision" };

    public static ShapeTrace Infer(ModelSpec spec)
    {
        var violations = new List<ShapeViolation>();
        CheckDeclaration(spec, violations);

        var steps = new List<LayerStep>();
        var shape = Shape.None;
        int classTokens = 0;
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            var layer = spec.Layers[i];
            var context = new InferenceContext(spec, i, steps, classTokens, violations);
            var step = layer.Infer(shape, context);
            if (step is null || context.Failed) break;
            if (step.Output.Elements == long.MaxValue)
            {
                // Sizes saturate instead of overflowing; a sample this large is no tensor (PyTorch counts elements in 64 bits).
                violations.Add(new(DiagnosticIds.ModelTooLarge, i, null, $"[{layer.AttributeName}] would give each sample the shape {step.Output}, more elements than a tensor can hold (2^63); use smaller sizes"));
                break;
            }

            steps.Add(step);
            classTokens = step.Layer.ClassTokensAfter(classTokens, shape, step.Output);
            shape = step.Output;
        }

        var input = steps.Count > 0 ? steps[0].Output : Shape.None;
        if (spec.Layers.Count == 0)
        {
            violations.Add(new(DiagnosticIds.InputMissingOrNotFirst, -1, null, $"The model {spec.ClassName} has no [Input(channels, height, width)]; add one as its first layer"));
        }
        else if (spec.Layers.Count == 1 && steps.Count == 1)
        {
            violations.Add(new(DiagnosticIds.LayerOutOfOrder, 0, null, $"[{spec.Layers[0].AttributeName}] alone is not a model; add layers after it, such as [Patchify(patch)] or [Conv2d(channels, kernel)]"));
        }

        var trace = new ShapeTrace(input, shape, steps.ToEquatableArray(), EquatableArray<ShapeViolation>.Empty);
        if (trace.IsValid && violations.All(v => v.IsWarning)) CheckSize(spec, trace, violations);
        return trace with { Violations = violations.ToEquatableArray() };
    }

    static void CheckDeclaration(ModelSpec spec, List<ShapeViolation> violations)
    {
        var declaration = spec.Declaration;
        if (declaration.IsCompiled) return;
        void Add(string id, string message, string? argument = null, string? member = null) => violations.Add(new(id, -1, argument, message) { Member = member });

        if (declaration.IsRecord) Add(DiagnosticIds.UnsupportedDeclaration, $"The model {spec.ClassName} is a record; declare it as a partial class (ViT# generates a TorchSharp module, which is a class)");
        else if (!declaration.IsPartial) Add(DiagnosticIds.ModelNotPartial, $"The model class {spec.ClassName} must be declared partial so ViT# can generate the rest of it");
        if (declaration.Problem is { } problem) Add(DiagnosticIds.UnsupportedDeclaration, problem);
        if (declaration.DeclaresBaseClass) Add(DiagnosticIds.BaseClassDeclared, $"The model class {spec.ClassName} must not declare a base class; ViT# makes it a TorchSharp Module<Tensor, Tensor> (remove the base class)");
        if (declaration.ConstructorProblem is { } constructor) Add(DiagnosticIds.ConstructorDeclared, constructor);
        if (!Enum.IsDefined(typeof(Initialization), spec.Initialization)) Add(DiagnosticIds.UnknownOption, $"Initialization {(int)spec.Initialization} is not a defined scheme; use Initialization.TruncatedNormal or Initialization.PyTorchDefault", "scheme");
        if (!Enum.IsDefined(typeof(Precision), spec.Precision)) Add(DiagnosticIds.UnknownOption, $"Precision {(int)spec.Precision} is not a defined precision; use Precision.Float32 or Precision.BFloat16", "precision");
        foreach (string member in GeneratedMembers.Where(declaration.MemberNames.Contains))
        {
            Add(DiagnosticIds.MemberClash, $"The member {member} of {spec.ClassName} clashes with the {member} that ViT# generates for every model; rename or remove it", member: member);
        }

        if (GeneratedMembers.Contains(spec.ClassName))
        {
            Add(DiagnosticIds.MemberClash, $"The model class is named {spec.ClassName}, like the member ViT# generates for every model, and a member cannot have the name of its class; rename the class");
        }

        foreach (string ns in declaration.ShadowedNamespaces)
        {
            Add(DiagnosticIds.MemberClash, $"The type {ns} in the global namespace hides the namespace {ns} that the code ViT# generates for {spec.ClassName} names (global::{ns}); rename that type or move it into a namespace");
        }
    }

    static void CheckSize(ModelSpec spec, ShapeTrace trace, List<ShapeViolation> violations)
    {
        long total = trace.TotalParameters;
        var largest = trace.Steps.OrderByDescending(s => s.Parameters).FirstOrDefault();
        int at = largest?.LayerIndex ?? -1;
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
            violations.Add(new(DiagnosticIds.LargeActivations, widest.LayerIndex, null, Invariant($"Training {spec.ClassName} keeps about {SummaryTable.Memory(bytes)} of activations per image ({SummaryTable.Memory(Sizes.Mul(widest.Activations, 4))} in {widest.Name}), so a batch of 64 needs {SummaryTable.Memory(Sizes.Mul(bytes, 64))}; use fewer tokens (a larger patch), a smaller width, or smaller images")) { IsWarning = true });
        }
    }

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
