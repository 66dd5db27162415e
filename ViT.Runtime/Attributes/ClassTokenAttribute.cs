namespace ViT;

/// <summary>Prepends a learned class token (timm's <c>cls_token</c>, D parameters): <c>[N, D]</c> → <c>[N+1, D]</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ClassTokenAttribute : Attribute
{
}
