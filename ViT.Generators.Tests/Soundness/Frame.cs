using static TorchSharp.torch;

namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// One class run at one use by <see cref="IndependentBuilder"/>, as PyTorch would build it there: the values its
/// names have (<see cref="Scope"/>), the tensor it received (what <c>[AddInput]</c> and its kin combine with), where its
/// weights go in the state dict, the <c>nn.Sequential</c> position of its next layer, and where its steps go in the trail.
/// An inlined class shares the state-dict level (and so the names taken) of the class it is inlined into.
/// </summary>
internal sealed class Frame(ModelClass model, Scope scope, Tensor input, string prefix, string path, int id, HashSet<string> taken)
{
    public ModelClass Class { get; } = model;

    public Scope Scope { get; } = scope;

    /// <summary>What the class received.</summary>
    public Tensor Input { get; } = input;

    /// <summary>The state-dict prefix of its weights: empty for the model, <c>layer1.0.</c> inside.</summary>
    public string Prefix { get; } = prefix;

    /// <summary>Where its steps are written in the trail: <c>3/1/</c>.</summary>
    public string Path { get; } = path;

    /// <summary>Tells apart the runs of one class (a block used twice), for whose class token is whose.</summary>
    public int Id { get; } = id;

    /// <summary>The child names at this state-dict level that hold weights already (one module or tensor each).</summary>
    public HashSet<string> Taken { get; } = taken;

    /// <summary>The <c>nn.Sequential</c> position of the next layer.</summary>
    public int Position { get; set; }

    /// <summary>Positions the layer being run takes when not one (a repeat's count, an inlined class's layers), set by it.</summary>
    public int? PositionsTaken { get; set; }

    /// <summary>Steps run so far (the trail's index of the next one).</summary>
    public int Steps { get; set; }

    /// <summary>The layer run last, as this use made it.</summary>
    public Layer? Previous { get; set; }

    /// <summary>The kinds of the layers run before, for timm's name of a second ViT part (<c>blocks_5</c>).</summary>
    public List<string> EarlierKinds { get; } = [];
}
