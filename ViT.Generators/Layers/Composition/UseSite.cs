using System.Linq;
using ViT.Generators.Composition;
using ViT.Generators.Diagnostics;
using ViT.Generators.Emit;
using ViT.Generators.Helpers;
using ViT.Generators.Shapes;
using ViT.Generators.Specs;
using ViT.Generators.Specs.Expressions;

namespace ViT.Generators.Layers.Composition;

/// <summary>
/// One use of another class as a layer, as <c>[Layer]</c>, <c>[Residual]</c>, <c>[Repeat]</c> and a shortcut make it: the
/// class found, its own errors refused, its constants bound to the use's values, and its trace inferred from the shape
/// that arrives. A block's violations at this use are reported here, at the use, saying where and with what.
/// </summary>
internal static class UseSite
{
    /// <summary>
    /// The use's trace, or null after reporting why there is none at <paramref name="argument"/> of the using
    /// attribute. <paramref name="name"/> is the use's state-dict name, for messages; <paramref name="specialize"/> asks
    /// for a class written for this use even for a model used as it is (an inlined one); <paramref name="argumentsArgument"/>
    /// is where the use's values were written.
    /// </summary>
    public static Use? Infer(InferenceContext context, ModelReference reference, UseArguments arguments, Shape input, string argument, string name, bool specialize = false, string argumentsArgument = "arguments")
    {
        if (reference.ProblemId is { } id)
        {
            context.Error(id, argument, reference.Problem!);
            return null;
        }

        var spec = context.Session.Find(reference.FullName);
        if (spec is null)
        {
            context.Error(DiagnosticIds.CompositionCycle, argument, $"{reference.Name} is one class too many: a model may use at most {Parsing.ModelSpecParser.MaxClasses} classes, counting those inside them; use fewer");
            return null;
        }

        if (context.Session.OwnError(spec) is { } own)
        {
            context.Error(
                own.Id == DiagnosticIds.CompositionCycle ? own.Id : DiagnosticIds.ComposedModelInvalid,
                argument,
                own.Id == DiagnosticIds.CompositionCycle ? own.Message : $"{reference.Name} cannot be used as a layer until its own errors are fixed ({own.Id}: {own.Message})");
            return null;
        }

        bool specialized = specialize || spec.IsBlock || arguments.Arguments.Count > 0;
        var (bound, problem) = Instantiation.Bind(spec, arguments, input);
        if (problem is not null)
        {
            context.Error(DiagnosticIds.BlockArgumentInvalid, argumentsArgument, problem);
            return null;
        }

        var bindings = ShapeInference.WithDeclaredInput(spec, bound!);
        if (spec.IsBlock && spec.InitializeAttribute < 0) bindings = bindings with { Inherited = context.Initialization };
        if (!spec.IsBlock && !bindings.Input.Equals(input))
        {
            context.Error(DiagnosticIds.ComposedInputMismatch, argument, $"{reference.Name} is declared for input {bindings.Input} but receives {input.Described} here; declare [Input({Fmt.Args(input.Dims)})] on {reference.Name}, make it a [Block] (which fits what arrives), or change the layers before this one");
            return null;
        }

        var (trace, cycle) = context.Session.Infer(spec, bindings!);
        if (cycle is not null)
        {
            context.Error(DiagnosticIds.CompositionCycle, argument, cycle);
            return null;
        }

        if ((long)context.UsesBefore + context.Uses + 1 + trace!.Uses > InferenceSession.MaxComposedModels)
        {
            // Checked use by use, so that no trace grows past the budget (the rows of a class hold those of every use inside).
            context.Error(DiagnosticIds.CompositionCycle, argument, System.FormattableString.Invariant($"{context.Spec.ClassName} uses models as layers more than {InferenceSession.MaxComposedModels:N0} times in all, counting the models inside them ({reference.Name} at {name} is one use too many); use fewer, or flatten some of them"));
            return null;
        }

        string given = Given(spec, arguments, bindings!);
        if (specialized)
        {
            string where = $"{reference.Name} at {name} (receiving {input}{(given.Length > 0 ? "; " + given : "")})";
            foreach (var violation in trace!.Violations)
            {
                context.Report(new ShapeViolation(violation.Id, context.AttributeIndex, argument, $"{where}: {violation.Message}")
                {
                    IsWarning = violation.IsWarning,
                    Origin = violation.Origin ?? new ViolationOrigin(spec.FullName, violation.AttributeIndex, violation.Argument),
                });
            }
        }

        if (!trace!.IsValid) return null;
        context.Uses += 1 + trace.Uses;
        context.Depth = System.Math.Max(context.Depth, 1 + trace.Depth);
        return new Use(trace, specialized, given.Length > 0 ? $"{reference.Name} ({given})" : reference.Name);
    }

    /// <summary><c>Width: 128, Stride: 2</c>: the constants the use gives, each once, with the value they take.</summary>
    static string Given(ModelSpec spec, UseArguments arguments, Bindings bindings)
    {
        var names = new[] { false, true }
            .SelectMany(over => arguments.Arguments.Where(a => a.Over == over).Select((a, i) => a.Name ?? (i < spec.Parameters.Count ? spec.Parameters[i].Name : null)))
            .OfType<string>().Distinct();
        return string.Join(", ", names.Select(n => $"{n}: {ViTEnums.Format(bindings.Parameter(n), spec.Parameters.First(p => p.Name == n).Type)}"));
    }
}

/// <summary>A use inferred: the used class's trace, whether a class is written for it, and how the summary names it.</summary>
internal sealed record Use(ShapeTrace Trace, bool Specialized, string Description);
