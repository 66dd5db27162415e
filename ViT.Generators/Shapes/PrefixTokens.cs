namespace ViT.Generators.Shapes;

/// <summary>
/// The leading tokens of a token sequence that are not patches (timm's <c>num_prefix_tokens</c>): a class token at 0,
/// DeiT's distillation token after it, register tokens after those. Mean pooling leaves them all out.
/// </summary>
/// <param name="Count">How many leading tokens are not patches.</param>
/// <param name="HasClassToken">Whether token 0 is a class token.</param>
/// <param name="HasDistillationToken">Whether token 1 is a distillation token.</param>
public readonly record struct PrefixTokens(int Count, bool HasClassToken, bool HasDistillationToken)
{
    public static PrefixTokens None => default;

    /// <summary>Where a token placed after the class and distillation tokens goes.</summary>
    public int AfterClassTokens => (HasClassToken ? 1 : 0) + (HasDistillationToken ? 1 : 0);
}
