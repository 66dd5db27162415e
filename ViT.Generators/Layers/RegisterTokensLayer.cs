using ViT.Generators.Parsing;
using ViT.Generators.Shapes;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Layers;

/// <summary>
/// <c>[RegisterTokens(count)]</c>: learned register tokens (timm's one <c>reg_token</c> tensor <c>[1, count, D]</c>)
/// after any class and distillation tokens; mean pooling leaves them out. <c>[N, D]</c> → <c>[N + count, D]</c>.
/// </summary>
public sealed record RegisterTokensLayer(int Count) : LearnedTokensLayer
{
    public override string AttributeName => "RegisterTokens";

    protected override string TimmParameter => "reg_token";

    protected override string Description => $"{Count} register tokens";

    protected override string TimmInitialization(string field) => $"{Nn}.init.normal_({field}, std: 1e-6);";

    protected override string PythonTimmInitialization(string parameter) => $"nn.init.normal_({parameter}, std=1e-6)";

    public override int Tokens => Count;

    public static Layer Read(AttributeArguments a) => a.Int("count") is int count ? new RegisterTokensLayer(count) : new UnreadableLayer(a.AttributeName);

    protected override int InsertAt(PrefixTokens before) => before.AfterClassTokens;

    public override PrefixTokens PrefixAfter(PrefixTokens before, Shape input, Shape output) => before with { Count = before.Count + Count };
}
