using ViT.IO;

namespace ViT.Imaging;

/// <summary>A finished picture: its size and its PNG encoding, ready to save or to hand to a logger.</summary>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Png">The PNG file's bytes.</param>
public sealed record Picture(int Width, int Height, byte[] Png)
{
    /// <summary>Writes the PNG to <paramref name="path"/> atomically (<see cref="AtomicFile"/>), creating its folder if needed.</summary>
    public void Save(string path) => AtomicFile.WriteAllBytes(path, Png);
}
