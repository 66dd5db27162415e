using System.ComponentModel;

namespace ViT;

/// <summary>
/// Implemented by every <c>[Block]</c> the ViT# generator has seen: a block is not a module of its own (each model
/// that uses it writes it for the shape that arrives there), and this marks a compiled block as one another project's
/// generator can read.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGeneratedBlock
{
}
