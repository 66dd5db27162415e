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
