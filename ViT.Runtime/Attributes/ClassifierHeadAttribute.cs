namespace ViT;

/// <summary>
/// Pools the tokens and classifies (timm's <c>head</c>, a Linear D→classes): <c>[N, D]</c> → <c>[classes]</c>.
/// Pooling by class token, the default, needs a <c>[ClassToken]</c> earlier.
/// </summary>
/// <param name="classes">Number of classes.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ClassifierHeadAttribute(int classes) : Attribute
{
    /// <summary>Number of classes.</summary>
    public int Classes { get; } = classes;

    /// <summary>How tokens are reduced to one vector; the class token by default.</summary>
    public Pooling Pool { get; set; } = Pooling.ClassToken;
}
