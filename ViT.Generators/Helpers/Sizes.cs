using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ViT.Generators.Helpers;

/// <summary>
/// Arithmetic on sizes that a user may have typed absurdly (int.MaxValue channels, a billion tokens): products and
/// sums saturate at <see cref="long.MaxValue"/> instead of overflowing, and divisors are found in O(sqrt n).
/// </summary>
public static class Sizes
{
    /// <summary>At most this many choices are offered in a message or a code fix.</summary>
    public const int MaxChoices = 12;

    public static long Mul(long a, long b)
    {
        if (a == 0 || b == 0) return 0;
        if (a < 0 || b < 0) return a * b > 0 ? long.MaxValue : 0; // only reached by sizes already reported as invalid
        return a > long.MaxValue / b ? long.MaxValue : a * b;
    }

    public static long Mul(params long[] factors) => factors.Aggregate(1L, Mul);

    public static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    public static long Sum(IEnumerable<long> values) => values.Aggregate(0L, Add);

    /// <summary>The divisors of <paramref name="n"/> strictly between 1 and n, smallest first, at most <paramref name="limit"/>.</summary>
    public static List<long> ProperDivisors(long n, int limit = MaxChoices)
    {
        var small = new List<long>();
        var large = new List<long>();
        for (long k = 2; k <= n / k; k++)
        {
            if (n % k != 0) continue;
            small.Add(k);
            if (k != n / k) large.Add(n / k);
            if (small.Count >= limit) break;
        }

        large.Reverse();
        return small.Concat(large).Take(limit).ToList();
    }

    /// <summary>The divisors shared by <paramref name="a"/> and <paramref name="b"/>, strictly between 1 and min(a, b); else 1 (and min itself when it divides both).</summary>
    public static List<int> CommonDivisors(long a, long b)
    {
        long min = Math.Min(a, b);
        var found = ProperDivisors(min, int.MaxValue).Where(d => a % d == 0 && b % d == 0).Take(MaxChoices).Select(d => (int)d).ToList();
        if (found.Count == 0)
        {
            if (min > 1 && a % min == 0 && b % min == 0) found.Add((int)min);
            found.Add(1);
        }

        return found;
    }

    /// <summary><c>2, 4, 7 or 14</c>.</summary>
    public static string Or(IEnumerable<long> values)
    {
        var text = values.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToList();
        return text.Count switch
        {
            0 => string.Empty,
            1 => text[0],
            _ => string.Join(", ", text.Take(text.Count - 1)) + " or " + text[text.Count - 1],
        };
    }

    /// <summary>The divisors of <paramref name="n"/> between 1 and n as "2, 4, 7 or 14" (or n itself when prime).</summary>
    public static string Divisors(long n)
    {
        var found = ProperDivisors(n);
        return Or(found.Count > 0 ? found : new List<long> { n <= 1 ? 1 : n });
    }
}
