using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ViT.Generators.Helpers;
using ViT.Generators.Layers;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;
using ViT.Generators.Specs;
using ViT.Generators.Specs.Expressions;

namespace ViT.Generators.Composition;

/// <summary>
/// Reads a class's layers at one use: every argument evaluated with that use's values (the class's constants as the
/// use gives them, and the shape it receives), each attribute read by its layer unit, and the layers whose
/// <c>When</c> is false left out. An argument that has no value here becomes a layer that reports why.
/// </summary>
public static class Instantiation
{
    /// <summary>The layers of <paramref name="spec"/> with <paramref name="bindings"/>, in source order.</summary>
    public static List<Layer> Layers(ModelSpec spec, Bindings bindings)
    {
        var layers = new List<Layer>();
        foreach (var template in spec.Layers)
        {
            if (template.Unreadable)
            {
                layers.Add(new UnreadableLayer(template.ShortName) { AttributeIndex = template.AttributeIndex });
                continue;
            }

            var (arguments, problem) = Evaluate(template, bindings);
            if (problem is not null)
            {
                layers.Add(problem with { AttributeIndex = template.AttributeIndex });
                continue;
            }

            if (arguments!.Bool(nameof(Shared.LayerAttributeBase.When)) == false) continue;
            string? name = arguments.String(nameof(Shared.LayerAttributeBase.Name));
            foreach (var layer in LayerCatalog.Read(template.AttributeName, arguments) ?? Enumerable.Empty<Layer>())
            {
                layers.Add(layer with { AttributeIndex = template.AttributeIndex, DeclaredName = layer.DeclaredName ?? name });
            }
        }

        return layers;
    }

    /// <summary>The class's declared values, with <paramref name="input"/> for <c>In</c>: how a model is read on its own.</summary>
    public static Bindings Defaults(ModelSpec spec, Shapes.Shape input) =>
        new(spec.Parameters.Select(p => new BoundParameter(p.Name, p.Default)).ToEquatableArray(), input);

    /// <summary>
    /// The values of <paramref name="spec"/>'s constants at a use: its declared ones, replaced by what
    /// <paramref name="arguments"/> gives, bound as C# binds a call's arguments: by position (in declaration order) or by
    /// name, a named value before a positional one standing in its own position, each constant once. A repeat's
    /// <c>First</c> values (<see cref="BoundArgument.Over"/>) are bound the same way after the others, over them. Null,
    /// with the reason, when the arguments do not fit the constants.
    /// </summary>
    public static (Bindings? Bindings, string? Problem) Bind(ModelSpec spec, UseArguments arguments, Shapes.Shape input)
    {
        var values = spec.Parameters.Select(p => p.Default).ToArray();
        foreach (var list in new[] { arguments.Arguments.Where(a => !a.Over).ToList(), arguments.Arguments.Where(a => a.Over).ToList() })
        {
            var given = new bool[spec.Parameters.Count];
            bool outOfPosition = false;
            for (int i = 0; i < list.Count; i++)
            {
                var argument = list[i];
                int index = argument.Name is null ? i : IndexOf(spec, argument.Name);
                if (argument.Name is null && i >= spec.Parameters.Count) return (null, $"\"{arguments.Source}\" gives {spec.ClassName} {list.Count(a => a.Name is null)} values by position, but it has {Constants(spec)}");
                if (argument.Name is null && outOfPosition) return (null, $"\"{arguments.Source}\" gives {argument.Text} by position after a value named out of its position, which C# does not allow; name it too ({spec.Parameters[i].Name}: {argument.Text})");
                if (index < 0) return (null, $"{spec.ClassName} has no constant {argument.Name}; it has {Constants(spec)}");
                outOfPosition |= index != i;
                var parameter = spec.Parameters[index];
                if (given[index]) return (null, $"\"{arguments.Source}\" gives {parameter.Name} twice; give each constant once");
                given[index] = true;
                if (argument.Value is Deferred) return (null, $"{argument.Text} names Index, the position of a use in a [Repeat]; only a [Repeat]'s arguments know it");
                var (value, problem) = Coerce(argument.Value, parameter.Type);
                if (problem is not null) return (null, $"{parameter.Name} is {parameter.Type}, so {argument.Text} ({Values.Format(argument.Value)}) does not fit it: {problem}");
                values[index] = Values.Normalize(value!);
            }
        }

        return (new Bindings(spec.Parameters.Select((p, i) => new BoundParameter(p.Name, values[i])).ToEquatableArray(), input), null);
    }

    /// <summary><c>Width (64) and Stride (1)</c>, or <c>no constants</c>.</summary>
    static string Constants(ModelSpec spec) => spec.Parameters.Count == 0
        ? "no constants (declare them, such as 'const int Width = 64;', to give them at each use)"
        : "the constants " + string.Join(", ", spec.Parameters.Select(p => $"{p.Name} ({Values.Format(p.Default)})"));

    static int IndexOf(ModelSpec spec, string name)
    {
        for (int i = 0; i < spec.Parameters.Count; i++) if (spec.Parameters[i].Name == name) return i;
        return -1;
    }

    /// <summary>Every argument of <paramref name="template"/> evaluated and made the type its attribute takes.</summary>
    static (AttributeArguments? Arguments, InvalidArgumentLayer? Problem) Evaluate(LayerTemplate template, Bindings bindings)
    {
        var values = new Dictionary<string, object?>();
        foreach (var argument in template.Arguments)
        {
            object value;
            try
            {
                value = argument.Value.Evaluate(bindings);
            }
            catch (EvaluationException e)
            {
                return (null, new InvalidArgumentLayer(template.ShortName, argument.Name, e.Message, IsOwn: argument.Value is InvalidExpr));
            }

            var (coerced, problem) = Coerce(value, argument.Type);
            if (problem is not null) return (null, new InvalidArgumentLayer(template.ShortName, argument.Name, $"{argument.Value.Text} is {Values.Format(value)} here, which {problem}", IsOwn: false));
            values[argument.Name] = coerced;
        }

        return (new AttributeArguments(template.ShortName, template.AttributeIndex, values), null);
    }

    /// <summary>The value as the attribute's parameter of <paramref name="type"/> holds it (an int as <c>int</c>), or why it cannot.</summary>
    static (object? Value, string? Problem) Coerce(object value, string type)
    {
        if (value is UseArguments) return (value, null);
        switch (type)
        {
            case "int" or "short" or "byte":
                if (value is long l) return l is >= int.MinValue and <= int.MaxValue ? ((int)l, null) : (null, "does not fit an int");
                return (null, "is not a whole number");
            case "long":
                return value is long ? (value, null) : (null, "is not a whole number");
            case "double" or "float":
                return value is long or double ? (Convert.ToDouble(value, CultureInfo.InvariantCulture), null) : (null, "is not a number");
            case "bool":
                return value is bool ? (value, null) : (null, "is not true or false");
            case "string":
                return value is string ? (value, null) : (null, "is not text");
            case "Type":
                return value is ModelReference ? (value, null) : (null, "is not a typeof(...)");
            default: // an enum
                return value is long member and >= int.MinValue and <= int.MaxValue ? ((int)member, null) : (null, $"is not a {type}");
        }
    }
}
