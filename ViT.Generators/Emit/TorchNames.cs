namespace ViT.Generators.Emit;

/// <summary>The fully qualified TorchSharp names the emitted code uses (house rule: <c>global::</c> everywhere, and never <c>var</c>, which a user's class may be named).</summary>
public static class TorchNames
{
    public const string Tensor = "global::TorchSharp.torch.Tensor";
    public const string Module = "global::TorchSharp.torch.nn.Module<global::TorchSharp.torch.Tensor, global::TorchSharp.torch.Tensor>";
    public const string Nn = "global::TorchSharp.torch.nn";
    public const string Functional = "global::TorchSharp.torch.nn.functional";
    public const string Torch = "global::TorchSharp.torch";
    public const string M = "global::TorchSharp.Modules";
    public const string Parameter = "global::TorchSharp.Modules.Parameter";
    public const string NoGrad = "global::System.IDisposable";
    public const string Autocast = "global::ViT.Autocast";
    public const string ComputePrecision = "global::ViT.ComputePrecision";
}
