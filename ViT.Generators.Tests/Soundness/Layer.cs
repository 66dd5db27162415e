using System.Globalization;

namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// One layer attribute as raw numbers, independent of the generator's own spec types, so the soundness tests compare
/// the analyzer with a builder that never saw its code. Input: A, B, C = channels, height, width. Patchify: A = patch,
/// B = dim. Encoder: A = layers, B = heads, Flag = full-width heads (C = 0: wide, C = 1: the tutorial listing's),
/// Ratio = MLP ratio, Extra = more named arguments.
/// ClassifierHead: A = classes, Flag = mean pooling. PositionEmbedding: Dropout.
/// </summary>
internal sealed record Layer(string Kind, int A = 0, int B = 0, int C = 0, bool Flag = false, double Ratio = 4.0, double Dropout = 0, string Extra = "")
{
    public string ToSource() => Kind switch
    {
        "Input" => I($"[Input({A}, {B}, {C})]"),
        "Patchify" => I($"[Patchify({A}, dim: {B})]"),
        "ClassToken" => "[ClassToken]",
        "PositionEmbedding" => Dropout == 0 ? "[PositionEmbedding]" : I($"[PositionEmbedding(Dropout = {Dropout:R})]"),
        "Encoder" => I($"[Encoder({A}, {B}, Attention = AttentionKind.{AttentionName}, MlpRatio = {Ratio:R}{Extra})]"),
        "ClassifierHead" => I($"[ClassifierHead({A}, Pool = Pooling.{(Flag ? "Mean" : "ClassToken")})]"),
        _ => throw new InvalidOperationException(Kind),
    };

    /// <summary>The encoder's AttentionKind, from <see cref="Flag"/> and <see cref="C"/>.</summary>
    public string AttentionName => !Flag ? "Split" : C == 1 ? "TutorialListing" : "Wide";

    static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
