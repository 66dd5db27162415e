namespace ViT.Generators.Emit;

/// <summary>The fully qualified TorchSharp names the emitted code uses (house rule: <c>global::</c> everywhere).</summary>
internal static class TorchNames
{
    public const string Tensor = "global::TorchSharp.torch.Tensor";
    public const string Module = "global::TorchSharp.torch.nn.Module<global::TorchSharp.torch.Tensor, global::TorchSharp.torch.Tensor>";
    public const string Nn = "global::TorchSharp.torch.nn";
    public const string M = "global::TorchSharp.Modules";
}
