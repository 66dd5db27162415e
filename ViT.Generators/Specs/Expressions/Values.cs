using System;
using System.Globalization;

namespace ViT.Generators.Specs.Expressions;

/// <summary>C#'s rules for the values of constant expressions: integers as <c>long</c>, promotion to <c>double</c>, truncating division.</summary>
public static class Values
{
    public static object Unary(string op, object operand, string source) => (op, operand) switch
    {
        ("-", long l) => -l,
        ("-", double d) => -d,
        ("+", long or double) => operand,
        ("!", bool b) => !b,
        ("~", long l) => ~l,
        _ => throw new EvaluationException($"{source}: {op} does not apply to {Format(operand)}"),
    };

    public static object Binary(string op, object left, object right, string source)
    {
        if (op == "+" && (left is string || right is string)) return Format(left, quoted: false) + Format(right, quoted: false);
        if (left is bool a && right is bool b)
        {
            return op switch
            {
                "&&" or "&" => a && b,
                "||" or "|" => a || b,
                "^" or "!=" => a != b,
                "==" => a == b,
                _ => throw Unsupported(op, left, right, source),
            };
        }

        if (left is long x && right is long y)
        {
            switch (op)
            {
                case "/" or "%" when y == 0: throw new EvaluationException($"{source} divides by zero here");
                case "/": return x / y;
                case "%": return x % y;
                case "+": return Checked(() => checked(x + y), source);
                case "-": return Checked(() => checked(x - y), source);
                case "*": return Checked(() => checked(x * y), source);
                case "&": return x & y;
                case "|": return x | y;
                case "^": return x ^ y;
                case "<<": return x << (int)y;
                case ">>": return x >> (int)y;
            }
        }

        if (IsNumber(left) && IsNumber(right))
        {
            double p = Convert.ToDouble(left, CultureInfo.InvariantCulture), q = Convert.ToDouble(right, CultureInfo.InvariantCulture);
            return op switch
            {
                "+" => p + q,
                "-" => p - q,
                "*" => p * q,
                "/" => p / q,
                "%" => p % q,
                "==" => p == q,
                "!=" => p != q,
                "<" => p < q,
                "<=" => p <= q,
                ">" => p > q,
                ">=" => p >= q,
                _ => throw Unsupported(op, left, right, source),
            };
        }

        return op switch
        {
            "==" => Equals(left, right),
            "!=" => !Equals(left, right),
            _ => throw Unsupported(op, left, right, source),
        };
    }

    public static object Cast(string type, object value, string source) => (type, value) switch
    {
        ("double" or "float", long l) => (double)l,
        ("double", double d) => d,
        ("float", double d) => (double)(float)d,
        ("int" or "long", double d) when Math.Abs(d) < 9.2e18 => (long)d,
        ("int" or "long", long l) => l,
        (_, long l) when type is not ("double" or "float" or "bool" or "string") => l, // an enum: its number
        _ => throw new EvaluationException($"{source}: {Format(value)} cannot be cast to {type}"),
    };

    /// <summary><c>128</c>, <c>0.25</c>, <c>true</c>, <c>"conv1"</c>: a value as C# would write it.</summary>
    public static string Format(object? value, bool quoted = true) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        string s => quoted ? "\"" + s + "\"" : s,
        ModelReference model => "typeof(" + model.Name + ")",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>An attribute argument's constant as an expression value: integers and enum members as <c>long</c>, <c>float</c> as <c>double</c>.</summary>
    public static object Normalize(object value) => value switch
    {
        int or short or sbyte or byte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        ulong u => (long)u,
        float f => (double)f,
        char c => c.ToString(),
        _ => value,
    };

    /// <summary>Whether two values are the same number, flag or text (<c>2</c> and <c>2.0</c> are).</summary>
    public static bool SameValue(object a, object b) =>
        IsNumber(a) && IsNumber(b) ? Convert.ToDouble(a, CultureInfo.InvariantCulture) == Convert.ToDouble(b, CultureInfo.InvariantCulture) : Equals(a, b);

    static bool IsNumber(object value) => value is long or double;

    static object Checked(Func<long> compute, string source)
    {
        try
        {
            return compute();
        }
        catch (OverflowException)
        {
            throw new EvaluationException($"{source} overflows here");
        }
    }

    static EvaluationException Unsupported(string op, object left, object right, string source) =>
        new($"{source}: {op} does not apply to {Format(left)} and {Format(right)}");
}
