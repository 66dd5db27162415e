namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// A <c>[Block]</c> that <see cref="RandomModels"/> made for a group and may use again: its class, the rank of shape it
/// was made for, values for its constants that fit a shape that arrives (<see cref="Fit"/>), and the shape a use with
/// given values gives (<see cref="Output"/>; null where the generator does not follow it). The generator decides
/// nothing with these: they only make many uses valid, so that the broken ones stand out.
/// </summary>
internal sealed record BlockDraft(
    ModelClass Class,
    int Rank,
    Func<long[], Dictionary<string, object>> Fit,
    Func<long[], IReadOnlyDictionary<string, object>, long[]?> Output);
