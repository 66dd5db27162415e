using System.Globalization;

namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// One argument of a layer attribute as the user writes it. <see cref="Name"/> is null for a positional argument; a
/// lower-case name is a constructor parameter (<c>padding: 2</c>), an upper-case one a property (<c>Bias = false</c>).
/// <see cref="Value"/> is an int, a double, a bool, a string, one of ViT's enums, a <see cref="ModelName"/>, or
/// <see cref="Code"/> that each use of the class evaluates.
/// </summary>
internal sealed record Argument(string? Name, object Value)
{
    public bool IsProperty => Name is { } name && char.IsUpper(name[0]);

    public string ToSource() => Name switch
    {
        null => Format(Value),
        _ when IsProperty => $"{Name} = {Format(Value)}",
        _ => $"{Name}: {Format(Value)}",
    };

    public static string Format(object value) => value switch
    {
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d when double.IsPositiveInfinity(d) => "double.PositiveInfinity",
        double d when double.IsNegativeInfinity(d) => "double.NegativeInfinity",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Enum e when Enum.IsDefined(e.GetType(), e) => $"{e.GetType().Name}.{e}",
        Enum e => $"({e.GetType().Name}){Convert.ToInt32(e, CultureInfo.InvariantCulture)}",
        ModelName m => $"typeof({m.Name})",
        string s => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        Code c => c.Text,
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        _ => throw new ArgumentException($"not an attribute value: {value}"),
    };
}
