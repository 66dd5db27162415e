using System.Collections.Generic;
using System.Linq;
using ViT.Generators.Helpers;
using ViT.Generators.Shapes;

namespace ViT.Generators.Specs.Expressions;

/// <summary>
/// The values an expression is evaluated with at one use of a class: its constants (the defaults the class declares,
/// with what the use gives over them) and the shape it receives there (none while it is read on its own).
/// </summary>
public sealed record Bindings(EquatableArray<BoundParameter> Parameters, Shape Input)
{
    /// <summary>
    /// The declared values and <c>In</c>'s placeholders (1): what the C# compiler computed the attribute's arguments
    /// with, so that a reading can be checked against it.
    /// </summary>
    public static Bindings Placeholders(IEnumerable<BlockParameter> parameters) =>
        new(parameters.Select(p => new BoundParameter(p.Name, p.Default)).ToEquatableArray(), Shape.None) { IsPlaceholder = true };

    /// <summary>The initialisation scheme of the class that uses the block here, which a block without its own <c>[Initialize]</c> follows.</summary>
    public Shared.Initialization? Inherited { get; init; }

    /// <summary>Whether <c>In</c>'s sizes are its placeholders (1) rather than a real incoming shape.</summary>
    public bool IsPlaceholder { get; init; }

    /// <summary>The value of the constant <paramref name="name"/>, or null when the class has none of that name.</summary>
    public object? Parameter(string name) => Parameters.FirstOrDefault(p => p.Name == name)?.Value;

    /// <summary>The size <c>In.</c><paramref name="dimension"/> names, of the shape received here.</summary>
    public object InputSize(string dimension, string source)
    {
        var (rank, axis) = dimension switch
        {
            "Channels" => (3, 0),
            "Height" => (3, 1),
            "Width" => (3, 2),
            "Tokens" => (2, 0),
            "Dim" => (2, 1),
            _ => (1, 0),
        };
        if (IsPlaceholder) return 1L;
        if (Input.Rank == 0) throw new EvaluationException($"{source} is only known where the block is used, and nothing arrives here");
        if (Input.Rank != rank) throw new EvaluationException($"{source} names a size of {Shape.KindOf(rank)}, but the block receives {Input.Described} here");
        return Input[axis];
    }

    /// <summary>The values as messages show them: <c>Width: 128, Stride: 2</c>.</summary>
    public string Describe(IEnumerable<string> names) =>
        string.Join(", ", Parameters.Where(p => names.Contains(p.Name)).Select(p => $"{p.Name}: {Values.Format(p.Value)}"));
}

/// <summary>A constant of the class and its value at this use.</summary>
public sealed record BoundParameter(string Name, object Value);
