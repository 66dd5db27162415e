using ViT.Generators.Parsing;
using ViT.Generators.Shapes;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Layers;

/// <summary><c>[ClassToken]</c>: prepends a learned token (timm's <c>cls_token</c>, D parameters). <c>[N, D]</c> → <c>[N+1, D]</c>.</summary>
public sealed record ClassTokenLayer : LearnedTokensLayer
{
    public override string AttributeName => "ClassToken";

    protected override string TimmParameter => "cls_token";

    protected override string Description => "Class token";

    protected override string TimmInitialization(string field) => $"{Nn}.init.normal_({field}, std: 1e-6);";

    protected override string PythonTimmInitialization(string parameter) => $"nn.init.normal_({parameter}, std=1e-6)";

    public override int Tokens => 1;

    public static Layer Read(AttributeArguments a) => new ClassTokenLayer();

    protected override int InsertAt(PrefixTokens before) => 0;

    public override PrefixTokens PrefixAfter(PrefixTokens before, Shape input, Shape output) => new(before.Count + 1, HasClassToken: true, HasDistillationToken: false);
}
