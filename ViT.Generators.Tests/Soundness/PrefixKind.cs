namespace ViT.Generators.Tests.Soundness;

/// <summary>The kinds of leading tokens that are not patches (timm's prefix tokens).</summary>
internal enum PrefixKind
{
    ClassToken,
    DistillationToken,
    RegisterToken,
}
