using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ViT.Generators.Helpers;
using ViT.Generators.Parsing;
using ViT.Generators.Shared;
using ViT.Generators.Specs.Expressions;

namespace ViT.Generators.Layers.Composition;

/// <summary>
/// <c>[Repeat(count, typeof(B), arguments)]</c>: <paramref name="count"/> uses of B, read as one <see cref="SequenceLayer"/>
/// (torchvision's <c>_make_layer</c>): the first with <c>First</c>'s values over the others'.
/// </summary>
internal static class RepeatReader
{
    /// <summary>More uses than this in one repeat is taken as a typo, not a model.</summary>
    public const int MaxCount = 1000;

    public static IEnumerable<Layer> Read(AttributeArguments a)
    {
        if (a.Int("count") is not int count || a.Model("block") is not { } block) return new Layer[] { new UnreadableLayer(a.AttributeName) };
        var defaults = new RepeatAttribute(1, typeof(object));
        return new Layer[] { new SequenceLayer(block, count, a.Use("arguments"), a.Use(nameof(RepeatAttribute.First)), a.String(nameof(RepeatAttribute.FirstItemName)) ?? defaults.FirstItemName) };
    }

    /// <summary>
    /// The values of use <paramref name="index"/>: the common ones, and for the first <c>First</c>'s after them, each
    /// list bound on its own and <c>First</c>'s over the common ones (<see cref="BoundArgument.Over"/>).
    /// </summary>
    public static UseArguments ArgumentsOf(int index, UseArguments common, UseArguments first) => At(Merged(index, common, first), index);

    /// <summary>The values with <c>Index</c> evaluated at use <paramref name="index"/>.</summary>
    static UseArguments At(UseArguments arguments, int index) => arguments.Arguments.Any(a => a.Value is Deferred)
        ? arguments with { Arguments = arguments.Arguments.Select(a => a.Value is Deferred deferred ? a with { Value = deferred.At(index) } : a).ToEquatableArray() }
        : arguments;

    static UseArguments Merged(int index, UseArguments common, UseArguments first)
    {
        if (index > 0 || first.Arguments.Count == 0) return common;
        string source = string.Join(", ", new[] { common.Source, first.Source }.Where(t => t.Length > 0));
        return new UseArguments(common.Arguments.Concat(first.Arguments.Select(a => a with { Over = true })).ToEquatableArray(), source);
    }

    /// <summary>
    /// The name of use <paramref name="index"/>: the first's name with its trailing number counted up (<c>denselayer1</c>,
    /// <c>denselayer2</c>; <c>block1-0</c>, <c>block1-1</c>), or the index after a name without one.
    /// </summary>
    public static string ItemName(string first, int index)
    {
        int digits = first.Length;
        while (digits > 0 && char.IsDigit(first[digits - 1])) digits--;
        long start = digits < first.Length && first.Length - digits < 18 ? long.Parse(first.Substring(digits), CultureInfo.InvariantCulture) : 0;
        return first.Substring(0, digits) + (start + index).ToString(CultureInfo.InvariantCulture);
    }
}
