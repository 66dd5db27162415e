namespace ViT.Generators.Tests.Soundness;

/// <summary>The model a <c>typeof(X)</c> argument names (<c>[Layer(typeof(X))]</c>, <c>[Residual(typeof(X))]</c>).</summary>
internal sealed record ModelName(string Name);
