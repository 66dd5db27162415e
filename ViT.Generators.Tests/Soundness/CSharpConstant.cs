using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// Evaluates the C# constant expressions of a class's attribute arguments, and a use's values (<c>"Width * 2, Stride: 2"</c>),
/// with the values of one use, as the C# compiler folds constants: written from the C# specification, not from the
/// generator. Integers are <c>int</c> unless an operand is <c>long</c>; an operand of <c>double</c> makes the operation
/// <c>double</c>; integer overflow is an error (constant expressions are checked) and integer division truncates; a
/// conditional evaluates the branch its condition picks (as Python's <c>if</c> would), typed as C# types the whole.
/// An expression with no value at the use (an unknown name, a division by zero, <c>In.Channels</c> where tokens
/// arrive) is a <see cref="BuildFailure"/> of kind <see cref="FailureKind.Arguments"/>, as Python raises
/// <c>NameError</c>, <c>ZeroDivisionError</c> or <c>TypeError</c> building the module.
/// </summary>
internal static class CSharpConstant
{
    public static object Evaluate(string text, Scope scope)
    {
        var expression = SyntaxFactory.ParseExpression(text);
        if (expression.ContainsDiagnostics || expression.FullSpan.Length != text.Length) throw Fail($"{text} is not a C# expression");
        return Evaluate(expression, scope);
    }

    /// <summary>A use's values, <c>"64, Stride: 2"</c>, read as C# arguments and evaluated in <paramref name="scope"/> (the using class's).</summary>
    public static IReadOnlyList<(string? Name, object Value)> Arguments(string text, Scope scope)
    {
        if (text.Trim().Length == 0) return [];
        var list = SyntaxFactory.ParseArgumentList("(" + text + ")");
        if (list.ContainsDiagnostics || list.FullSpan.Length != text.Length + 2 || list.Arguments.Any(a => !a.RefKindKeyword.IsKind(SyntaxKind.None)))
        {
            throw Fail($"\"{text}\" is not a list of C# arguments");
        }

        return list.Arguments.Select(a => (a.NameColon?.Name.Identifier.ValueText, Evaluate(a.Expression, scope))).ToList();
    }

    /// <summary>
    /// <paramref name="value"/> as a constant of <paramref name="type"/>'s holds it, by C#'s implicit conversions
    /// (an <c>int</c> widens to <c>long</c>, <c>float</c> and <c>double</c>; nothing narrows), or a failure.
    /// </summary>
    public static object Convert(object value, Type type, string what) => (value, Type.GetTypeCode(type)) switch
    {
        _ when value.GetType() == type => value,
        (int i, TypeCode.Int64) => (long)i,
        (int or long, TypeCode.Double) => System.Convert.ToDouble(value, CultureInfo.InvariantCulture),
        (float f, TypeCode.Double) => (double)f,
        (int or long, TypeCode.Single) => System.Convert.ToSingle(value, CultureInfo.InvariantCulture),
        _ => throw Fail($"{what} is a {type.Name}, and {Format(value)} ({value.GetType().Name}) does not convert to it"),
    };

    static object Evaluate(ExpressionSyntax e, Scope scope) => e switch
    {
        ParenthesizedExpressionSyntax p => Evaluate(p.Expression, scope),
        LiteralExpressionSyntax { Token.Value: { } value } => value,
        PrefixUnaryExpressionSyntax u => Unary(u.OperatorToken.Text, Evaluate(u.Operand, scope), e),
        BinaryExpressionSyntax { OperatorToken.Text: "&&" or "||" } b => Logical(b, scope),
        BinaryExpressionSyntax b => Binary(b.OperatorToken.Text, Evaluate(b.Left, scope), Evaluate(b.Right, scope), e),
        ConditionalExpressionSyntax c => Conditional(c, scope),
        CastExpressionSyntax c => Cast(c.Type.ToString(), Evaluate(c.Expression, scope), e),
        IdentifierNameSyntax n => scope.Constants.TryGetValue(n.Identifier.ValueText, out var constant) ? constant : throw Fail($"{n} names no constant of {scope.ClassName}"),
        MemberAccessExpressionSyntax m => Member(m, scope),
        InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" }, ArgumentList.Arguments: [var only] } => LastName(only.Expression),
        _ => throw Fail($"{e} is not a constant expression"),
    };

    static object Logical(BinaryExpressionSyntax b, Scope scope)
    {
        if (Evaluate(b.Left, scope) is not bool left) throw Fail($"{b.Left} is not a bool in {b}");
        if (b.OperatorToken.Text == "&&" ? !left : left) return left; // short-circuit, as C# and Python evaluate it
        return Evaluate(b.Right, scope) is bool right ? right : throw Fail($"{b.Right} is not a bool in {b}");
    }

    static object Conditional(ConditionalExpressionSyntax c, Scope scope)
    {
        if (Evaluate(c.Condition, scope) is not bool condition) throw Fail($"{c.Condition} is not a bool");
        var chosen = Evaluate(condition ? c.WhenTrue : c.WhenFalse, scope);
        object? other;
        try
        {
            other = Evaluate(condition ? c.WhenFalse : c.WhenTrue, scope);
        }
        catch (BuildFailure)
        {
            other = null; // the branch not taken need not have a value here
        }

        return other is double && chosen is int or long or float ? System.Convert.ToDouble(chosen, CultureInfo.InvariantCulture)
            : other is long && chosen is int i ? (long)i
            : chosen;
    }

    static object Member(MemberAccessExpressionSyntax m, Scope scope)
    {
        string member = m.Name.Identifier.ValueText, owner = LastName(m.Expression);
        if (owner == "In") return Input(member, scope, m);
        if (owner == scope.ClassName && scope.Constants.TryGetValue(member, out var constant)) return constant;
        if (typeof(ViT.Activation).Assembly.GetType("ViT." + owner) is { IsEnum: true } type && Enum.IsDefined(type, member)) return Enum.Parse(type, member);
        throw Fail($"{m} is neither a constant of {scope.ClassName}, nor In's, nor a member of ViT's enums");
    }

    /// <summary><c>In.Channels</c> and its kin: the size of the shape the class receives, of the kind it names.</summary>
    static object Input(string member, Scope scope, ExpressionSyntax e)
    {
        var (rank, axis) = member switch
        {
            "Channels" => (3, 0),
            "Height" => (3, 1),
            "Width" => (3, 2),
            "Tokens" => (2, 0),
            "Dim" => (2, 1),
            "Features" => (1, 0),
            _ => throw Fail($"{e}: In has no {member}"),
        };
        if (scope.Input is not { } input) throw Fail($"{e}: {scope.ClassName} receives nothing here");
        if (input.Length != rank) throw Fail($"{e} names a size of rank {rank}, but {scope.ClassName} receives [{string.Join(", ", input)}]");
        return input[axis] <= int.MaxValue ? (int)input[axis] : throw Fail($"{e} is {input[axis]}, more than an int holds");
    }

    static object Unary(string op, object operand, ExpressionSyntax e) => (op, operand) switch
    {
        ("-", int i) => Checked(() => checked(-i), e),
        ("-", long l) => Checked(() => checked(-l), e),
        ("-", double d) => -d,
        ("-", float f) => -f,
        ("+", int or long or double or float) => operand,
        ("!", bool b) => !b,
        ("~", int i) => ~i,
        ("~", long l) => ~l,
        _ => throw Fail($"{e}: {op} does not apply to {Format(operand)}"),
    };

    static object Binary(string op, object left, object right, ExpressionSyntax e)
    {
        if (left is bool a && right is bool b)
        {
            return op switch
            {
                "==" => a == b,
                "!=" or "^" => a != b,
                "&" => a & b,
                "|" => a | b,
                _ => throw Fail($"{e}: {op} does not apply to bools"),
            };
        }

        if (left is Enum || right is Enum || left is string || right is string)
        {
            if (left.GetType() != right.GetType()) throw Fail($"{e}: {op} does not apply to {Format(left)} and {Format(right)}");
            return op switch
            {
                "==" => Equals(left, right),
                "!=" => !Equals(left, right),
                "+" when left is string s => s + (string)right,
                _ => throw Fail($"{e}: {op} does not apply to {Format(left)} and {Format(right)}"),
            };
        }

        if (op is "<<" or ">>")
        {
            if (right is not int count) throw Fail($"{e}: a shift count is an int");
            return (op, left) switch
            {
                ("<<", int i) => i << count,
                (">>", int i) => i >> count,
                ("<<", long l) => l << count,
                (">>", long l) => l >> count,
                _ => throw Fail($"{e}: {op} does not apply to {Format(left)}"),
            };
        }

        if (!IsNumber(left) || !IsNumber(right)) throw Fail($"{e}: {op} does not apply to {Format(left)} and {Format(right)}");
        if (left is double || right is double) return Real(op, System.Convert.ToDouble(left, CultureInfo.InvariantCulture), System.Convert.ToDouble(right, CultureInfo.InvariantCulture), e);
        if (left is float || right is float) return Real(op, System.Convert.ToSingle(left, CultureInfo.InvariantCulture), System.Convert.ToSingle(right, CultureInfo.InvariantCulture), e) switch
        {
            double d => (float)d,
            var other => other,
        };

        if (left is long || right is long)
        {
            long x = System.Convert.ToInt64(left, CultureInfo.InvariantCulture), y = System.Convert.ToInt64(right, CultureInfo.InvariantCulture);
            return Integral(op, x, y, e, (p, q) => checked(p + q), (p, q) => checked(p - q), (p, q) => checked(p * q), (p, q) => p / q, (p, q) => p % q);
        }

        int m = (int)left, n = (int)right;
        return Integral(op, m, n, e, (p, q) => checked(p + q), (p, q) => checked(p - q), (p, q) => checked(p * q), (p, q) => checked(p / q), (p, q) => p % q);
    }

    static object Integral<T>(string op, T x, T y, ExpressionSyntax e, Func<T, T, T> add, Func<T, T, T> subtract, Func<T, T, T> multiply, Func<T, T, T> divide, Func<T, T, T> remainder)
        where T : struct, IComparable<T>
    {
        if (op is "/" or "%" && y.Equals(default(T))) throw Fail($"{e} divides by zero here");
        int order = x.CompareTo(y);
        return op switch
        {
            "+" => Checked(() => add(x, y), e),
            "-" => Checked(() => subtract(x, y), e),
            "*" => Checked(() => multiply(x, y), e),
            "/" => Checked(() => divide(x, y), e),
            "%" => Checked(() => remainder(x, y), e),
            "==" => order == 0,
            "!=" => order != 0,
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            ">=" => order >= 0,
            "&" or "|" or "^" => Bitwise(op, System.Convert.ToInt64(x, CultureInfo.InvariantCulture), System.Convert.ToInt64(y, CultureInfo.InvariantCulture), typeof(T) == typeof(int)),
            _ => throw Fail($"{e}: {op} does not apply to numbers"),
        };
    }

    static object Bitwise(string op, long x, long y, bool asInt)
    {
        long result = op == "&" ? x & y : op == "|" ? x | y : x ^ y;
        return asInt ? (int)result : result;
    }

    static object Real(string op, double x, double y, ExpressionSyntax e) => op switch
    {
        "+" => x + y,
        "-" => x - y,
        "*" => x * y,
        "/" => x / y,
        "%" => x % y,
        "==" => x == y,
        "!=" => x != y,
        "<" => x < y,
        "<=" => x <= y,
        ">" => x > y,
        ">=" => x >= y,
        _ => throw Fail($"{e}: {op} does not apply to real numbers"),
    };

    /// <summary>An explicit conversion in a constant expression: checked, so a value out of the target's range is an error.</summary>
    static object Cast(string type, object value, ExpressionSyntax e)
    {
        try
        {
            return (type, value) switch
            {
                ("int", int or long or float or double) => checked((int)Whole(value)),
                ("long", int or long or float or double) => checked((long)Whole(value)),
                ("double", int or long or float or double) => System.Convert.ToDouble(value, CultureInfo.InvariantCulture),
                ("float", int or long or float or double) => System.Convert.ToSingle(value, CultureInfo.InvariantCulture),
                ("bool", bool) or ("string", string) => value,
                (_, int i) when typeof(ViT.Activation).Assembly.GetType("ViT." + type.Split('.')[^1]) is { IsEnum: true } enumType => Enum.ToObject(enumType, i),
                (_, Enum member) when member.GetType().Name == type.Split('.')[^1] => member,
                (_, Enum member) when type is "int" => System.Convert.ToInt32(member, CultureInfo.InvariantCulture),
                _ => throw Fail($"{e}: {Format(value)} cannot be cast to {type}"),
            };
        }
        catch (OverflowException)
        {
            throw Fail($"{e}: {Format(value)} does not fit {type}");
        }
    }

    /// <summary>The number with its fraction dropped (C#'s conversion of a real to an integer truncates), as a decimal that overflows where the target does.</summary>
    static decimal Whole(object value) => value switch
    {
        double d when double.IsNaN(d) || Math.Abs(d) >= 1e28 => throw new OverflowException(),
        float f when float.IsNaN(f) || Math.Abs(f) >= 1e28 => throw new OverflowException(),
        _ => Math.Truncate(System.Convert.ToDecimal(value, CultureInfo.InvariantCulture)),
    };

    static object Checked(Func<object> compute, ExpressionSyntax e)
    {
        try
        {
            return compute();
        }
        catch (OverflowException)
        {
            throw Fail($"{e} overflows here");
        }
    }

    static bool IsNumber(object value) => value is int or long or double or float;

    static string LastName(ExpressionSyntax syntax) => syntax switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        _ => syntax.ToString(),
    };

    public static string Format(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => "\"" + s + "\"",
        _ => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    static BuildFailure Fail(string message) => new(FailureKind.Arguments, message);
}
