using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Research;

/// <summary>RESEARCH BASELINE, not the product. The block's MLP with its products in the autocast's type.</summary>
public sealed class FastMlp : nn.Module<Tensor, Tensor>
{
    private readonly Linear fc1;
    private readonly Linear fc2;
    private readonly bool gelu;
    private readonly Autocast autocast;

    /// <summary>Creates Linear D→hidden, the activation, Linear hidden→D.</summary>
    public FastMlp(int dim, int hidden, bool gelu, Autocast autocast) : base(nameof(FastMlp))
    {
        fc1 = nn.Linear(dim, hidden);
        fc2 = nn.Linear(hidden, dim);
        this.gelu = gelu;
        this.autocast = autocast;
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        x = autocast.Linear(fc1, x);
        x = gelu ? nn.functional.gelu(x) : nn.functional.relu(x);
        return autocast.Linear(fc2, x);
    }
}
