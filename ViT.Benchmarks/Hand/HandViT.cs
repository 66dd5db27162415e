using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Hand;

/// <summary>
/// A Vision Transformer written by hand, the obvious way a TorchSharp user ports timm's or the tutorial's PyTorch code:
/// one module per concept, timm's field (state-dict) names, PyTorch's default initialisation. It is the baseline the
/// generated models are measured against, so it does nothing clever.
/// </summary>
public sealed class HandViT : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor>? stem;
    private readonly HandPatchEmbed patch_embed;
    private readonly Parameter cls_token;
    private readonly Parameter pos_embed;
    private readonly ModuleList<HandBlock> blocks;
    private readonly LayerNorm norm;
    private readonly Linear head;
    private readonly bool applyFinalNorm;

    /// <summary>Builds the model; <paramref name="attention"/> makes each block's attention (it decides the kind).</summary>
    /// <param name="name">The module's name.</param>
    /// <param name="config">Sizes and options.</param>
    /// <param name="attention">Creates one block's attention module.</param>
    /// <param name="stem">Layers before the patch embedding (a hybrid's convolutional stem); its output is the
    /// <c>[Channels, ImageSize, ImageSize]</c> the configuration states.</param>
    public HandViT(string name, HandViTConfig config, Func<nn.Module<Tensor, Tensor>> attention, nn.Module<Tensor, Tensor>? stem = null) : base(name)
    {
        this.stem = stem;
        int tokens = config.Patches + 1;
        patch_embed = new HandPatchEmbed(config.Channels, config.Dim, config.Patch);
        cls_token = new Parameter(torch.randn(1, 1, config.Dim) * 0.02);
        pos_embed = new Parameter(torch.randn(1, tokens, config.Dim) * 0.02);
        blocks = nn.ModuleList(Enumerable.Range(0, config.Layers).Select(_ => new HandBlock(config, attention())).ToArray());
        norm = nn.LayerNorm(config.Dim, eps: config.Eps);
        head = nn.Linear(config.Dim, config.Classes);
        applyFinalNorm = config.ApplyFinalNorm;
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        long batch = x.shape[0];
        if (stem is not null) x = stem.forward(x);
        x = patch_embed.forward(x);
        x = torch.cat([cls_token.expand(batch, -1, -1), x], dim: 1);
        x = x + pos_embed;
        foreach (var block in blocks) x = block.forward(x);
        if (applyFinalNorm) x = norm.forward(x);
        return head.forward(x.select(1, 0));
    }
}
