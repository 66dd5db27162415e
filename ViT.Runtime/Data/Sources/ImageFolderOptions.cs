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

    /// <summary>
    /// The most pixels (width × height, as the file's header declares them) a picture may have: a larger one is an
    /// unreadable picture (stop or skip, as <see cref="Unreadable"/> says) before any memory is spent decoding it, so a
    /// small file declaring 30000×30000 cannot take gigabytes. PIL's limit by default (<see cref="ImageDecoder.DefaultMaxPixels"/>,
    /// 89,478,485: about 9,459 × 9,459); raise it for larger pictures.
    /// </summary>
    public long MaxImagePixels { get; init; } = ImageDecoder.DefaultMaxPixels;

    /// <summary>Where decoding, caching and skipped files are reported; null reports nothing.</summary>
    public TextWriter? Log { get; init; }
}
