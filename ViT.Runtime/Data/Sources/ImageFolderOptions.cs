namespace ViT.Data;

/// <summary>How an image folder is split, decoded and cached.</summary>
public sealed record ImageFolderOptions
{
    /// <summary>Share of each class held out for testing when the folder has no <c>train/</c> and <c>test/</c>.</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>Seeds that split, so it is the same on every run.</summary>
    public int Seed { get; init; }

    /// <summary>Stop at a file that cannot be decoded (the default), or skip it.</summary>
    public UnreadableImages Unreadable { get; init; } = UnreadableImages.Stop;

    /// <summary>
    /// Decoded images up to this many bytes are held in memory; a larger cache file is read image by image as batches
    /// need them (the operating system's file cache keeps what fits). 2 GiB by default.
    /// </summary>
    public long InMemoryLimitBytes { get; init; } = 2L << 30;

    /// <summary>Where decoding, caching and skipped files are reported; null reports nothing.</summary>
    public TextWriter? Log { get; init; }
}
