using System.Text;
using ViT.IO;

namespace ViT.Data;

/// <summary>
/// Lists the pictures of an image folder's classes as the user meant them. Links are followed only within the class
/// folder that holds them: one that leads elsewhere (another class, the other split, outside the data folder) is an error
/// naming it, one that leads back up (<c>self -&gt; .</c>, <c>loop -&gt; ..</c>) or to a folder or file already read is
/// not followed again, and said so; no folder is read twice, so no picture counts twice and traversal always ends.
/// Only pictures that are files with content are read: an empty file, a FIFO, a socket or a device, a dangling link and a
/// name that is not UTF-8 are unreadable pictures (stop or skip, as <see cref="ImageFolderOptions.Unreadable"/> says).
/// Folders that tools create are skipped (<see cref="ToolingFolders"/>).
/// </summary>
internal sealed class ImageFolderWalker(string root, ImageFolderOptions options, CancellationToken cancellation)
{
    readonly string _rootReal = Unix.RealPath(root) ?? Path.GetFullPath(root);
    readonly HashSet<string> _visited = new(StringComparer.Ordinal);
    readonly HashSet<string> _filesRead = new(StringComparer.Ordinal);

    /// <summary>A class folder's pictures, in ordinal order, and the entries that cannot be read as pictures.</summary>
    public sealed record ClassPictures(List<string> Images, List<DataFormatException> Unreadable);

    /// <summary>The class folders of <paramref name="splitRoot"/> in ordinal order; tooling folders are left out and reported.</summary>
    public static List<string> ClassFolderNames(string splitRoot, TextWriter? log)
    {
        if (!Directory.Exists(splitRoot)) return [];
        var names = new List<string>();
        foreach (string folder in Directory.EnumerateDirectories(splitRoot))
        {
            string name = Path.GetFileName(folder);
            if (!ToolingFolders.Contains(name)) names.Add(name);
            else if (!name.StartsWith('.')) log?.WriteLine($"Ignored {folder}: a folder that tools create, not a class.");
        }
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>Whether <paramref name="folder"/> holds a picture file anywhere below it, links followed as <see cref="Walk"/> follows them.</summary>
    public static bool HasPictures(string folder)
    {
        try
        {
            return new ImageFolderWalker(folder, new ImageFolderOptions(), CancellationToken.None).Pictures(folder, stopAtFirst: true).Images.Count > 0;
        }
        catch (DataFormatException)
        {
            return true; // a link that leads astray: loading the folder names it
        }
    }

    /// <summary>
    /// The pictures of each class folder in <paramref name="classFolders"/> (paths under the data folder). A class folder
    /// that is a link must lead inside the data folder and to no other class's folder.
    /// </summary>
    public List<ClassPictures> Walk(IReadOnlyList<string> classFolders)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string folder in classFolders)
        {
            string real = Unix.RealPath(folder) ?? Path.GetFullPath(folder);
            if (!IsWithin(real, _rootReal))
                throw new DataFormatException(folder, $"is a link to {real}, outside the data folder {root}; ViT# reads only what is inside it. Copy the pictures in, or remove the link.");
            foreach (var (otherReal, other) in owners)
            {
                if (IsWithin(real, otherReal) || IsWithin(otherReal, real))
                    throw new DataFormatException(folder, $"leads to {real}, which {(real == otherReal ? "is" : "overlaps")} the folder of {other} ({otherReal}); every picture belongs to one class and one split. Remove the link or copy the pictures.");
            }
            owners[real] = folder;
        }
        return classFolders.Select(folder => Pictures(folder, stopAtFirst: false)).ToList();
    }

    ClassPictures Pictures(string classFolder, bool stopAtFirst)
    {
        var found = new ClassPictures([], []);
        string classReal = Unix.RealPath(classFolder) ?? Path.GetFullPath(classFolder);
        var pending = new Stack<(string Path, string Real)>();
        pending.Push((classFolder, classReal));
        _visited.Add(classReal);
        while (pending.Count > 0 && !(stopAtFirst && found.Images.Count > 0))
        {
            cancellation.ThrowIfCancellationRequested();
            var (folder, folderReal) = pending.Pop();
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                string name = entry.Name, path = Path.Combine(folder, name);
                if (ToolingFolders.Contains(name))
                {
                    if (entry is DirectoryInfo) options.Log?.WriteLine($"Ignored {path}: a folder that tools create, not pictures.");
                    continue;
                }
                bool isLink = entry.LinkTarget is not null;
                string? real = isLink ? Unix.RealPath(path) : Path.Combine(folderReal, name);
                if (Directory.Exists(path))
                {
                    if (isLink ? Follow(path, real!, classFolder, classReal, _visited) : _visited.Add(real!)) pending.Push((path, real!));
                    continue;
                }
                if (name.Contains('\uFFFD') && !File.Exists(path))
                {
                    found.Unreadable.Add(new DataFormatException(Path.Combine(folder, Escaped(folder, name)),
                        "has a name that is not UTF-8, which .NET cannot open; rename it (for example with convmv) or remove it."));
                    continue;
                }
                if (!ImageDecoder.Extensions.Contains(Path.GetExtension(name))) continue;
                if (real is null)
                {
                    found.Unreadable.Add(new DataFormatException(path, $"is a link to {entry.LinkTarget}, which does not exist; remove the link or restore its target."));
                    continue;
                }
                if (isLink ? !Follow(path, real, classFolder, classReal, _filesRead) : !_filesRead.Add(real)) continue;
                if (new FileInfo(path).Length == 0)
                {
                    found.Unreadable.Add(new DataFormatException(path, "is empty, or not a regular file (a FIFO, socket or device): there is no picture to decode. Remove it, or skip unreadable images."));
                    continue;
                }
                found.Images.Add(path);
            }
        }
        found.Images.Sort(StringComparer.Ordinal);
        return found;
    }

    /// <summary>
    /// Whether to read through the link at <paramref name="path"/> (whose target is <paramref name="real"/>): yes when it
    /// stays in its class folder and was not read yet; no, said so, when it leads back up or to what was read; an error
    /// when it leads anywhere else.
    /// </summary>
    bool Follow(string path, string real, string classFolder, string classReal, HashSet<string> seen)
    {
        if (IsWithin(classReal, real))
        {
            options.Log?.WriteLine($"Not following {path}: it leads back to {real}, a folder above it, which would be read again and again.");
            return false;
        }
        if (!IsWithin(real, classReal))
        {
            throw new DataFormatException(path, IsWithin(real, _rootReal)
                ? $"is a link to {real}, outside its class folder {classFolder}: its pictures would be labelled with this class, or counted twice. Remove the link, or copy the pictures."
                : $"is a link to {real}, outside the data folder {root}; ViT# reads only what is inside it. Copy the pictures in, or remove the link.");
        }
        if (!seen.Add(real))
        {
            options.Log?.WriteLine($"Not following {path}: {real} is read already.");
            return false;
        }
        return true;
    }

    static bool IsWithin(string path, string folder) =>
        path == folder || path.StartsWith(folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The name's bytes as the file system holds them, non-ASCII ones as <c>\xNN</c>.</summary>
    static string Escaped(string folder, string shown)
    {
        byte[]? raw = Unix.RawNames(folder).FirstOrDefault(bytes => Encoding.UTF8.GetString(bytes) == shown);
        if (raw is null) return shown;
        var text = new StringBuilder();
        foreach (byte b in raw) text.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:x2}");
        return text.ToString();
    }
}
