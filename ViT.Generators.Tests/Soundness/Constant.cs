namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// A constant of a class (<c>const int Width = 64;</c>): a parameter of the class that each use may give another value.
/// Its C# type is its value's: <c>int</c>, <c>long</c>, <c>double</c>, <c>bool</c>, <c>string</c> or a ViT enum.
/// </summary>
internal sealed record Constant(string Name, object Value)
{
    public string ToSource() => $"const {TypeName} {Name} = {Argument.Format(Value)};";

    string TypeName => Value switch
    {
        int => "int",
        long => "long",
        double => "double",
        bool => "bool",
        string => "string",
        Enum e => e.GetType().Name,
        _ => throw new ArgumentException($"not a constant's value: {Value}"),
    };
}
