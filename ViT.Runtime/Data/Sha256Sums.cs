using System.Security.Cryptography;

namespace ViT.Data;

/// <summary>Checks files against a <c>SHA256SUMS</c> file in the format <c>sha256sum</c> writes.</summary>
public static class Sha256Sums
{
    /// <summary>The conventional name of the checksum file in a data folder.</summary>
    public const string FileName = "SHA256SUMS";

    /// <summary>
    /// Verifies <paramref name="filePath"/> against the entry for its name in the SHA256SUMS file beside it.
    /// Does nothing when the folder has no SHA256SUMS; throws when the file has no entry or a different hash.
    /// </summary>
    public static void VerifyAgainstSiblingSums(string filePath)
    {
        string sumsPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(filePath))!, FileName);
        if (!File.Exists(sumsPath)) return;

        string name = Path.GetFileName(filePath);
        string? expected = Read(sumsPath).GetValueOrDefault(name);
        if (expected is null)
            throw new DataFormatException(filePath, $"no entry for {name} in {sumsPath}; add its SHA-256 or remove the file.");

        string actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(filePath)));
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            throw new DataFormatException(filePath,
                $"checksum mismatch: SHA-256 is {actual} but {sumsPath} expects {expected}. The file is corrupt or was replaced; restore it from a good copy.");
    }

    /// <summary>Reads a SHA256SUMS file into a map from file name to lower-case hex digest.</summary>
    public static IReadOnlyDictionary<string, string> Read(string sumsPath)
    {
        var sums = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(sumsPath))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            string[] parts = line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || parts[0].Length != 64)
                throw new DataFormatException(sumsPath, $"malformed line \"{line}\"; expected \"<64 hex digits>  <file name>\".");
            sums[parts[1].TrimStart('*')] = parts[0].ToLowerInvariant();
        }
        return sums;
    }
}
