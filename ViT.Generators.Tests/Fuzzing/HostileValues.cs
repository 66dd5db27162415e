namespace ViT.Generators.Tests.Fuzzing;

/// <summary>
/// Argument texts a hostile or careless user may write where a layer attribute expects a number, an enum or a type:
/// boundaries, absurd magnitudes, values of another type (some convert implicitly, some are compile errors) and
/// constant expressions. Drawn at random by <see cref="AttributeMutator"/> to replace a sane argument.
/// </summary>
internal static class HostileValues
{
    public static readonly string[] Ints =
    {
        "0", "-1", "1", "2", "int.MaxValue", "int.MinValue", "int.MaxValue - 1", "-int.MaxValue", "46341", "65536", "1 << 30",
        "1_000_000", "0x7FFFFFFF", "~0", "unchecked(int.MaxValue + 1)", "unchecked((int)double.NaN)", "int.MaxValue / 2",
        "'a'", "(byte)3", "(short)-2", "(sbyte)-128", "default", "default(int)", "sizeof(long)",
        // compile errors: another type, or no constant
        "3L", "3.0", "\"3\"", "null", "true", "2147483648", "checked(int.MaxValue + 1)", "System.Environment.ProcessorCount", "nameof(x)",
    };

    /// <summary>Sizes large enough that their products overflow 32 and 64 bits; drawn more often than the rest.</summary>
    static readonly string[] Huge = { "int.MaxValue", "int.MaxValue - 1", "46341", "65536", "1 << 30", "1 << 20" };

    public static readonly string[] Doubles =
    {
        "0", "0.0", "-0.0", "-1", "1", "1.0", "0.5", "0.999999", "1.0000000000000002", "1e-300", "double.Epsilon", "5e-324",
        "double.NaN", "double.PositiveInfinity", "double.NegativeInfinity", "double.MaxValue", "double.MinValue", "1e308",
        "float.NaN", "0.1f", "float.MaxValue", "'x'", "int.MaxValue", "1e-45", "-1e-300",
        // compile errors
        "0.1m", "\"0.1\"", "1e400", "null", "true",
    };

    /// <summary>
    /// A <c>Name</c> or a use's values for a block's constants: names PyTorch refuses or the algebra does not take, values
    /// that bind wrongly (twice, unknown, out of order, of another type, naming sizes <c>In</c> lacks), text that is no C#.
    /// </summary>
    public static readonly string[] Strings =
    {
        "\"\"", "\"a.b\"", "\"layer 1\"", "\"über\"", "\"0\"", "\"blocks\"", "\"patch_embed\"", "\"x+y\"", "null", "nameof(System)",
        "\"Width: 1, Width: 2\"", "\"Stride: 2, 8\"", "\"Depth2: 2\"", "\"1, 1, 1, 1, 1\"", "\"2.5\"", "\"true\"", "\":\"", "\"1 / 0\"",
        "\"In.Dim2\"", "\"In.Channels * int.MaxValue\"", "\"Width: In.Tokens\"", "\"Index\"", "\"Width: Index - 1\"", "\"Activation.GELU\"",
        "\"Width: (\"", "\"Width: Width\"", "\"\\\"x\\\"\"", "3", "\"" + new string('9', 40) + "\"",
    };

    public static readonly string[] Bools = { "true", "false", "!true", "1 == 1", "1", "null", "\"true\"" };

    /// <summary>An enum argument: a defined value, an undefined one, 0 (which converts to any enum) or a value of another type.</summary>
    public static string Enum(Random random, string type, string[] members) => random.Next(9) switch
    {
        0 => $"({type})42",
        1 => $"({type})(-1)",
        2 => $"({type})int.MaxValue",
        3 => "0",
        4 => "1",
        5 => $"default({type})",
        6 => "Pooling.Mean",
        7 => $"({type}){members.Length}",
        _ => type + "." + members[random.Next(members.Length)],
    };

    /// <summary>A type argument for [Layer]/[Residual] that names no usable model.</summary>
    public static readonly string[] Types =
    {
        "typeof(int)", "typeof(string)", "typeof(int[])", "typeof(void)", "typeof(System.Collections.Generic.List<>)",
        "typeof(System.Collections.Generic.List<int>)", "typeof((int, int))", "typeof(ViT.InputAttribute)", "typeof(object)",
        "null", "typeof(Undefined)", "\"M\"", "typeof(dynamic)",
    };

    /// <summary>A hostile integer: one time in three a huge one, else any of <see cref="Ints"/>.</summary>
    public static string Int(Random random) => Pick(random, random.Next(3) == 0 ? Huge : Ints);

    public static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
