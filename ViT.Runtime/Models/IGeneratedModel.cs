namespace ViT;

/// <summary>
/// Implemented by every model the ViT# generator writes: the compile-time facts about the model,
/// reachable from an instance so that the trainer and tools can show them.
/// </summary>
public interface IGeneratedModel
{
    /// <summary>The layer table, shapes and parameter total worked out at compile time.</summary>
    ModelSummary Summary { get; }
}
