using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ViT.Generators.Helpers;

namespace ViT.Generators.Shapes;

/// <summary>
/// The shape of one sample, without the batch dimension: an image <c>[C, H, W]</c>, tokens <c>[N, D]</c> or a
/// vector <c>[F]</c>. Every size is a concrete number: the whole model is known at compile time.
/// </summary>
public sealed record Shape(EquatableArray<long> Dims)
{
    /// <summary>No shape yet: what the first layer, <c>[Input]</c>, receives.</summary>
    public static Shape None { get; } = new(EquatableArray<long>.Empty);

    public static Shape Of(params long[] dims) => new(dims.ToEquatableArray());

    public int Rank => Dims.Count;

    public bool IsImage => Rank == 3;

    public bool IsTokens => Rank == 2;

    public bool IsVector => Rank == 1;

    public long this[int axis] => Dims[axis];

    /// <summary>Elements of one sample (saturating).</summary>
    public long Elements => Dims.Aggregate(1L, Sizes.Mul);

    /// <summary><c>[1, 28, 28]</c>: the one way shapes are written, in messages, comments and summaries.</summary>
    public override string ToString() => Format(Dims);

    /// <summary><c>[B, 1, 28, 28]</c>: the shape with its batch, as the generated code's comments show it.</summary>
    public string Batched => FormatBatched(Dims);

    /// <summary><c>an image [1, 28, 28]</c>, <c>tokens [17, 100]</c>, <c>a vector [10]</c>.</summary>
    public string Described => $"{Article(Rank)}{this}";

    /// <summary>What a rank is called: <c>an image [C, H, W]</c>, <c>tokens [N, D]</c>, <c>a vector [F]</c>.</summary>
    public static string KindOf(int rank) => rank switch
    {
        3 => "an image [C, H, W]",
        2 => "tokens [N, D]",
        1 => "a vector [F]",
        _ => "no tensor",
    };

    /// <summary><c>[16, 100]</c>.</summary>
    public static string Format(IEnumerable<long> dims) => "[" + string.Join(", ", dims.Select(Invariant)) + "]";

    /// <summary><c>[B, 16, 100]</c>: a shape with the batch first.</summary>
    public static string FormatBatched(IEnumerable<long> dims) => "[B" + string.Concat(dims.Select(d => ", " + Invariant(d))) + "]";

    static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    static string Article(int rank) => rank switch { 3 => "an image ", 2 => "tokens ", 1 => "a vector ", _ => string.Empty };
}
