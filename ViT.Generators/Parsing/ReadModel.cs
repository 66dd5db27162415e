namespace ViT.Generators.Parsing;

/// <summary>
/// A model read completely without meeting a cycle or a limit, which reads the same wherever it is used: its reference,
/// the uses of models inside it (counted all the way down), and how many levels of models lie below it.
/// </summary>
internal sealed record ReadModel(ModelReference Reference, int Uses, int Height);
