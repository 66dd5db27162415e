namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// An attribute argument written as a C# expression over the class's constants and <c>In</c> (<c>In.Channels * Expand</c>),
/// which each use evaluates with its own values (<see cref="CSharpConstant"/>).
/// </summary>
internal sealed record Code(string Text)
{
    public override string ToString() => Text;
}
