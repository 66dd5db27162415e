namespace ViT.Generators.Tests.Fuzzing;

/// <summary>What one fuzzed compilation declares, before it is written out by <see cref="SourceRenderer"/>.</summary>
internal sealed class CaseDraft
{
    /// <summary>The models, the ones the case is about first, then the helper models they compose.</summary>
    public List<ModelDraft> Models { get; } = new();

    /// <summary>The namespace as written (<c>A.@event</c>), or null for the global namespace.</summary>
    public string? Namespace { get; set; }

    /// <summary>Whether the namespace is file-scoped (<c>namespace N;</c>) rather than a block.</summary>
    public bool FileScoped { get; set; }

    /// <summary>Whether the files say <c>using ViT;</c> (without it, only qualified attribute names bind).</summary>
    public bool UsingViT { get; set; } = true;

    /// <summary>Models passed to a call together with MNIST data, for the training-data analyzer.</summary>
    public List<string> TrainedModels { get; } = new();
}
