using TorchSharp;
using TorchSharp.Modules;
using ViT.Benchmarks.Hand;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Research;

/// <summary>
/// RESEARCH BASELINE, not the product: a Vision Transformer in which each performance idea of docs/performance.md
/// is one option (<see cref="FastViTOptions"/>), so that the variants can be timed against each other and read side
/// by side. State-dict names are the generated models' (timm's), except that a fused full-width attention holds
/// <c>attn.qkv</c> (q, k and v stacked) where they hold <c>attn.q</c>, <c>attn.k</c>, <c>attn.v</c>;
/// <see cref="LoadFrom"/> converts.
/// </summary>
public sealed class FastViT : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d patch_embed_proj;
    private readonly Parameter cls_token;
    private readonly Parameter pos_embed;
    private readonly ModuleList<FastBlock> blocks;
    private readonly LayerNorm norm;
    private readonly Linear head;
    private readonly HandViTConfig config;
    private readonly Autocast autocast;

    /// <summary>Builds the model with PyTorch's default initialisation.</summary>
    public FastViT(HandViTConfig config, FastViTOptions options) : base(nameof(FastViT))
    {
        patch_embed_proj = nn.Conv2d(config.Channels, config.Dim, config.Patch, stride: config.Patch);
        cls_token = new Parameter(torch.randn(1, 1, config.Dim) * 0.02);
        pos_embed = new Parameter(torch.randn(1, config.Tokens, config.Dim) * 0.02);
        blocks = nn.ModuleList(Enumerable.Range(0, config.Layers).Select(_ => new FastBlock(config, options)).ToArray());
        norm = nn.LayerNorm(config.Dim, eps: config.Eps);
        head = nn.Linear(config.Dim, config.Classes);
        this.config = config;
        autocast = options.Autocast;
        RegisterComponents();
    }

    /// <summary>Returns float32 logits whatever the products' precision, so the loss is computed in float32.</summary>
    public override Tensor forward(Tensor x)
    {
        long batch = x.shape[0];
        x = Autocast.Float(autocast.Conv2d(patch_embed_proj, x).flatten(2).transpose(1, 2));
        x = torch.cat([cls_token.expand(batch, -1, -1), x], dim: 1) + pos_embed;
        foreach (var block in blocks) x = block.forward(x);
        if (config.ApplyFinalNorm) x = norm.forward(x);
        return Autocast.Float(autocast.Linear(head, x.select(1, 0)));
    }

    /// <summary>
    /// Takes the weights of a model with the generated models' state-dict names (a generated model, a
    /// <see cref="HandViT"/> or another <see cref="FastViT"/>), stacking q, k and v where this one is fused.
    /// </summary>
    public FastViT LoadFrom(nn.Module source)
    {
        var from = source.state_dict().ToDictionary(entry => Canonical(entry.Key), entry => entry.Value);
        var weights = new Dictionary<string, Tensor>();
        foreach (var name in state_dict().Keys)
        {
            string canonical = Canonical(name);
            weights[name] = from.TryGetValue(canonical, out var tensor)
                ? tensor
                : torch.cat([from[canonical.Replace(".qkv.", ".q.")], from[canonical.Replace(".qkv.", ".k.")], from[canonical.Replace(".qkv.", ".v.")]]);
        }

        using (torch.no_grad()) load_state_dict(weights, strict: true);
        return this;
    }

    /// <summary>This class flattens <c>patch_embed.proj</c> into one field; names are compared in timm's spelling.</summary>
    static string Canonical(string name) => name.Replace("patch_embed_proj.", "patch_embed.proj.");
}
