using System.Collections.Generic;
using System.Linq;
using ViT.Generators.Declarations;
using ViT.Generators.Diagnostics;
using ViT.Generators.Shapes;
using ViT.Generators.Specs;
using ViT.Generators.Specs.Expressions;

namespace ViT.Generators.Composition;

/// <summary>
/// One inference of a model and the classes its layers use: each class is inferred once per shape and values it is
/// used with, a class inside itself is caught as a cycle, and nesting is bounded. It lives as long as one call of
/// <see cref="ShapeInference.Infer(ModelSpec)"/> and keeps nothing beyond it.
/// </summary>
public sealed class InferenceSession
{
    /// <summary>Models used as layers of models used as layers ... deeper than this are refused (and cycles never loop).</summary>
    public const int MaxNesting = 16;

    /// <summary>
    /// More uses of classes as layers than this inside one model, counted all the way down (a block used twice, which
    /// uses another three times, counts 2 + 6), are refused: the generated code grows with them.
    /// </summary>
    public const int MaxComposedModels = 1024;

    readonly Dictionary<string, ModelSpec> classes = new();
    readonly Dictionary<(string FullName, Bindings Bindings), ShapeTrace> traces = new();
    readonly Dictionary<string, ShapeViolation?> ownErrors = new();
    readonly List<string> path = new();

    public InferenceSession(ModelSpec root)
    {
        Root = root;
        classes[root.FullName] = root;
        foreach (var used in root.UsedModels) classes[used.FullName] = used;
    }

    /// <summary>The model the session infers.</summary>
    public ModelSpec Root { get; }

    /// <summary>The classes being inferred, outermost first: the path to the current use.</summary>
    public IReadOnlyList<string> Path => path;

    /// <summary>The class of that metadata name, or null when it was not read (too many classes).</summary>
    public ModelSpec? Find(string fullName) => classes.TryGetValue(fullName, out var spec) ? spec : null;

    /// <summary>
    /// The trace of <paramref name="spec"/> read with <paramref name="bindings"/> and receiving <paramref name="input"/>
    /// (none for a model, which starts from its <c>[Input]</c>); null, with the violation to report, when it would
    /// contain itself or nest too deep.
    /// </summary>
    public (ShapeTrace? Trace, string? Problem) Infer(ModelSpec spec, Bindings bindings)
    {
        int cycleStart = path.IndexOf(spec.FullName);
        if (cycleStart >= 0) return (null, $"{string.Join(" → ", path.Skip(cycleStart).Select(Short).Concat(new[] { spec.ClassName }))}: a model cannot contain itself; use another model as the layer");
        string TooDeep() => $"Models are nested more than {MaxNesting} deep here ({string.Join(" → ", path.Select(Short))} → {spec.ClassName}); flatten some of them";
        if (path.Count >= MaxNesting) return (null, TooDeep());
        if (traces.TryGetValue((spec.FullName, bindings), out var known)) return path.Count + known.Depth >= MaxNesting ? (null, TooDeep()) : (known, null);
        path.Add(spec.FullName);
        try
        {
            var trace = ShapeInference.InferLayers(spec, bindings, this);
            traces[(spec.FullName, bindings)] = trace;
            return (trace, null);
        }
        finally
        {
            path.RemoveAt(path.Count - 1);
        }
    }

    /// <summary>
    /// The first error of a used class on its own, whatever it is used with (how it is declared, attributes that cannot
    /// be read; for a model with an <c>[Input]</c>, everything), or null: a class with one cannot be used until it is fixed.
    /// </summary>
    public ShapeViolation? OwnError(ModelSpec spec)
    {
        if (ownErrors.TryGetValue(spec.FullName, out var known)) return known;
        ownErrors[spec.FullName] = null; // while it is checked: a cycle through it is reported where it closes
        var error = DeclarationRules.Check(spec).FirstOrDefault(v => !v.IsWarning)
            ?? (spec.IsBlock ? ShapeInference.BlockErrors(spec).FirstOrDefault() : ModelErrors(spec));
        ownErrors[spec.FullName] = error;
        return error;
    }

    ShapeViolation? ModelErrors(ModelSpec spec)
    {
        var (trace, problem) = Infer(spec, ShapeInference.DefaultBindings(spec));
        if (problem is not null) return new ShapeViolation(DiagnosticIds.CompositionCycle, -1, null, problem);
        return trace!.Violations.FirstOrDefault(v => !v.IsWarning);
    }

    string Short(string fullName) => classes.TryGetValue(fullName, out var spec) ? spec.ClassName : fullName;
}
