namespace ViT.Data;

/// <summary>What an image folder does with a file it cannot decode.</summary>
public enum UnreadableImages
{
    /// <summary>Stop with an error that names the file (the default: nothing is silently left out).</summary>
    Stop,

    /// <summary>Leave the file out and report each one skipped.</summary>
    Skip,
}
