namespace ViT.Data;

/// <summary>
/// Folders and files that tools leave in a data folder, never pictures of a class: hidden ones (<c>.ipynb_checkpoints</c>
/// with its copies of the pictures, <c>.DS_Store</c>, macOS's <c>._name</c> files), the <c>__MACOSX</c> folder of a zip
/// made on a Mac, Synology's <c>@eaDir</c>, <c>lost+found</c>, Windows' <c>$RECYCLE.BIN</c> and <c>System Volume
/// Information</c>, and Python's <c>__pycache__</c>. An image folder skips them and says so, where torchvision would
/// make <c>.ipynb_checkpoints</c> a class.
/// </summary>
internal static class ToolingFolders
{
    static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "__MACOSX", "@eaDir", "lost+found", "$RECYCLE.BIN", "System Volume Information", "__pycache__",
    };

    /// <summary>Whether an entry named <paramref name="name"/> is a tool's, not data.</summary>
    public static bool Contains(string name) => name.StartsWith('.') || Names.Contains(name);
}
