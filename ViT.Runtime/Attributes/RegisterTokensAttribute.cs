// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif

/// <summary>
/// Register tokens (Darcet et al., 2023; timm's one <c>reg_token</c> tensor <c>[1, count, D]</c>): learned tokens placed
/// after any class token, <c>[N, D]</c> → <c>[N + count, D]</c>. Mean pooling leaves them out, as timm does.
/// </summary>
/// <param name="count">How many register tokens.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RegisterTokensAttribute(int count) : LayerAttributeBase
{
    /// <summary>How many register tokens.</summary>
    public int Count { get; } = count;
}
