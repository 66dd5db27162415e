namespace ViT.Generators.Tests.Fuzzing;

/// <summary>What an attribute argument holds, so that a mutation replaces it with a hostile value of the same family.</summary>
internal enum ArgumentKind
{
    Int,
    Double,
    Bool,
    Enum,
    Type,
    String,
}
