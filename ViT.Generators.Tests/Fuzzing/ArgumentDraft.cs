using System.Globalization;

namespace ViT.Generators.Tests.Fuzzing;

/// <summary>One argument of a fuzzed attribute: positional (<c>7</c>), a named parameter (<c>dim: 8</c>) or a property (<c>Bias = false</c>).</summary>
/// <param name="Value">The argument's text as written.</param>
/// <param name="Kind">What it holds.</param>
/// <param name="Name">The parameter or property it names, or null when positional.</param>
/// <param name="IsProperty">Whether it sets a property (<c>=</c>) rather than naming a parameter (<c>:</c>).</param>
/// <param name="EnumType">The enum an <see cref="ArgumentKind.Enum"/> argument holds.</param>
internal sealed record ArgumentDraft(string Value, ArgumentKind Kind, string? Name = null, bool IsProperty = false, Type? EnumType = null)
{
    public static ArgumentDraft Int(long value, string? name = null) => new(value.ToString(CultureInfo.InvariantCulture), ArgumentKind.Int, name);

    public static ArgumentDraft Double(double value, string? name = null, bool isProperty = false) =>
        new(value.ToString("R", CultureInfo.InvariantCulture), ArgumentKind.Double, name, isProperty);

    public static ArgumentDraft Bool(bool value, string name) => new(value ? "true" : "false", ArgumentKind.Bool, name, IsProperty: true);

    public static ArgumentDraft Enum<T>(T value, string? name = null)
        where T : struct, System.Enum => new(typeof(T).Name + "." + value, ArgumentKind.Enum, name, IsProperty: name is not null && char.IsUpper(name[0]), typeof(T));

    public static ArgumentDraft Type(string model, string? name = null) => new($"typeof({model})", ArgumentKind.Type, name);

    public override string ToString() => Name is null ? Value : Name + (IsProperty ? " = " : ": ") + Value;
}
