using System.Collections.Generic;
using ViT.Generators.Specs;
using ViT.Generators.Specs.Expressions;

namespace ViT.Generators.Parsing;

/// <summary>
/// One attribute's arguments as plain values, by name: constructor arguments by their parameter's name (with the
/// defaults of optional parameters filled in), named arguments by the property's name, as evaluated at one use of the
/// class. Integers, doubles, booleans and text are themselves, an enum is its int, a <c>typeof(X)</c> is a
/// <see cref="ModelReference"/>, a use's arguments are <see cref="UseArguments"/>. Layer units read these without Roslyn.
/// </summary>
public sealed class AttributeArguments
{
    readonly Dictionary<string, object?> values;

    public AttributeArguments(string attributeName, int index, Dictionary<string, object?> values)
    {
        AttributeName = attributeName;
        Index = index;
        this.values = values;
    }

    /// <summary>The attribute's short name: <c>Conv2d</c> for <c>ViT.Conv2dAttribute</c>.</summary>
    public string AttributeName { get; }

    /// <summary>Position of the attribute in the class's attribute list, so an analyzer can find it again.</summary>
    public int Index { get; }

    /// <summary>Whether an argument (positional or named) of that name was bound.</summary>
    public bool Has(string name) => values.ContainsKey(name);

    /// <summary>The number of constructor and named arguments bound.</summary>
    public int Count => values.Count;

    public int? Int(string name) => values.TryGetValue(name, out var value) && value is int i ? i : null;

    public bool? Bool(string name) => values.TryGetValue(name, out var value) && value is bool b ? b : null;

    /// <summary>An enum argument as its underlying int (the layer casts it and checks that the value is defined).</summary>
    public int? Enum(string name) => Int(name);

    public double? Double(string name) => values.TryGetValue(name, out var value)
        ? value switch
        {
            double d => d,
            float f => f,
            int i => i,
            _ => null,
        }
        : null;

    public string? String(string name) => values.TryGetValue(name, out var value) ? value as string : null;

    public ModelReference? Model(string name) => values.TryGetValue(name, out var value) ? value as ModelReference : null;

    /// <summary>A use's values for a block's constants (<c>"Width: 64"</c>), evaluated; none when not given.</summary>
    public UseArguments Use(string name) => values.TryGetValue(name, out var value) && value is UseArguments use ? use : UseArguments.None;
}
