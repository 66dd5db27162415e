namespace ViT.Generators.Parsing;

/// <summary>
/// What one reading of a model keeps count of across the models it uses as layers: the uses so far (against
/// <see cref="ModelSpecParser.MaxComposedModels"/>), the cycles and limits met, and the deepest nesting reached.
/// </summary>
internal sealed class CompositionState
{
    /// <summary>Uses of models as layers so far, counted all the way down.</summary>
    public int Uses { get; set; }

    /// <summary>Cycles and limits met so far; a model whose reading met none can be reused.</summary>
    public int PathProblems { get; set; }

    /// <summary>The longest path of enclosing models at which a use was checked so far.</summary>
    public int Deepest { get; set; }
}
