using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Research;

/// <summary>
/// RESEARCH BASELINE, not the product. Every parameter of a module made a view of one flat buffer, and every
/// gradient a view of one flat gradient buffer, so the optimizer sees one tensor: Adam is a handful of operations
/// on 372,000 numbers instead of about seven per parameter tensor (44 in the timm configuration), and zero_grad one fill.
/// Autograd accumulates into a gradient that already exists in place (it does not replace it), so the views stay
/// views as long as nobody sets a gradient to null; <see cref="Flat"/>'s gradient is the flat gradient buffer.
/// </summary>
public sealed class FlatParameters : IDisposable
{
    /// <summary>Moves the parameters of <paramref name="module"/> into one buffer (their values are kept).</summary>
    public FlatParameters(nn.Module module)
    {
        var parameters = module.parameters().ToArray();
        long total = parameters.Sum(p => p.numel());
        Flat = new Parameter(torch.zeros(total));
        Gradients = torch.zeros(total).DetachFromDisposeScope();
        Flat.grad = Gradients;
        using var noGrad = torch.no_grad();
        long offset = 0;
        foreach (var parameter in parameters)
        {
            long count = parameter.numel();
            var values = Flat.narrow(0, offset, count).view(parameter.shape);
            values.copy_(parameter);
            parameter.set_(values);
            parameter.grad = Gradients.narrow(0, offset, count).view(parameter.shape);
            offset += count;
        }
    }

    /// <summary>All parameter values, one tensor; give this to the optimizer.</summary>
    public Parameter Flat { get; }

    /// <summary>All gradients, one tensor.</summary>
    public Tensor Gradients { get; }

    /// <summary>Zeroes every gradient with one fill.</summary>
    public void ZeroGrad() => Gradients.zero_();

    /// <inheritdoc/>
    public void Dispose()
    {
        Gradients.Dispose();
        Flat.Dispose();
    }
}
