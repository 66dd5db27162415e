namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// What the builder saw torch accept that the layer algebra refuses by design. A model that the analyzer rejects but
/// torch runs is excused only when the builder observed, in the same class, the situation its rule is about
/// (<see cref="DesignRules"/>).
/// </summary>
internal static class Observation
{
    /// <summary>A layer with a zero size (an empty weight, an empty tensor) or no blocks at all: torch computes nothing and returns.</summary>
    public const string Degenerate = "a zero size that torch runs as an empty tensor or no blocks";


    /// <summary>Class-token pooling where no class token was prepended: torch takes token 0 whatever it is.</summary>
    public const string PoolsPatchToken = "class-token pooling of a patch token";

    /// <summary>Class-token pooling in a model used as a layer, of a class token that the model using it prepended.</summary>
    public const string PoolsInputToken = "class-token pooling of a class token that arrived with the input";

    /// <summary>Class-token pooling of a class token that a model used as a layer (<c>[Layer]</c>) prepended.</summary>
    public const string PoolsComposedClassToken = "class-token pooling of a class token prepended inside a composed model";

    /// <summary>A Linear or LayerNorm on an image: PyTorch applies it along the last axis (the width).</summary>
    public const string DenseOnImage = "a Linear along an image's width";

    /// <summary>A model of nothing but its <c>[Input]</c>: the identity.</summary>
    public const string OnlyInput = "a model of nothing but [Input]";

    /// <summary>A second <c>[Input]</c> that matches what arrives: a no-op guard.</summary>
    public const string SecondInput = "a second [Input] that matches";

    /// <summary>A dropout rate of 1 (all zeros), or an epsilon or momentum that torch accepts outside the usual range.</summary>
    public const string RateOutOfRange = "a rate, epsilon or momentum torch accepts outside its range";

    /// <summary><c>x + block(x)</c> where the block's output has another shape that broadcasts against x.</summary>
    public const string ResidualBroadcast = "a residual sum that broadcasts unequal shapes";

    /// <summary>A <c>Name</c> that PyTorch's <c>add_module</c> takes (no dot, not empty) but that is not letters, digits, _ and -.</summary>
    public const string UnusualName = "a name torch takes that is not letters, digits, _ and -";

    /// <summary>A distillation token where no class token leads (or after another one): torch concatenates it anywhere.</summary>
    public const string DistillationTokenAlone = "a distillation token not right after a class token";

    /// <summary>A distilled head whose second head reads a token 1 that is no distillation token.</summary>
    public const string PoolsOtherThanDistillationToken = "a distilled head reading a token 1 that is no distillation token";

    /// <summary>A distilled head asked for mean pooling, which it does not do: torch reads tokens 0 and 1 anyway.</summary>
    public const string DistilledMeanPooling = "a distilled head with mean pooling";

    /// <summary>A gate of another shape than squeeze-excitation's or the input's, which torch broadcasts.</summary>
    public const string GateBroadcast = "a gate torch broadcasts that is none of [C, 1, 1], [C], [D] or the input's shape";
}
