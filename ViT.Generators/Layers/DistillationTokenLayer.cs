using ViT.Generators.Diagnostics;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Layers;

/// <summary>
/// <c>[DistillationToken]</c>: DeiT's learned token (timm's <c>dist_token</c>) right after the class token, from which
/// <c>[ClassifierHead(classes, Distilled = true)]</c>'s second head classifies. <c>[N, D]</c> → <c>[N+1, D]</c>.
/// </summary>
public sealed record DistillationTokenLayer : LearnedTokensLayer
{
    public override string AttributeName => "DistillationToken";

    protected override string TimmParameter => "dist_token";

    protected override string Description => "Distillation token";

    protected override string TimmInitialization(string field) => $"{field}.normal_(0.0, 0.02).clamp_(-2.0, 2.0);";

    protected override string PythonTimmInitialization(string parameter) => $"{parameter}.normal_(0.0, 0.02).clamp_(-2.0, 2.0)";

    public override int Tokens => 1;

    public static Layer Read(AttributeArguments a) => new DistillationTokenLayer();

    protected override int InsertAt(PrefixTokens before) => 1;

    protected override bool Accepts(InferenceContext context)
    {
        if (context.Prefix.HasClassToken && !context.Prefix.HasDistillationToken) return true;
        context.Error(DiagnosticIds.PoolingNeedsClassToken, null, context.Prefix.HasDistillationToken
            ? "The tokens already have a distillation token after the class token; remove this one"
            : "DeiT's distillation token goes right after a class token; put [ClassToken] before [DistillationToken]");
        return false;
    }

    public override PrefixTokens PrefixAfter(PrefixTokens before, Shape input, Shape output) => before with { Count = before.Count + 1, HasDistillationToken = true };
}
