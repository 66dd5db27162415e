namespace ViT.Data;

/// <summary>The per-user folder for downloads and caches: <c>$VITSHARP_DATA</c>, else <c>vitsharp</c> in the user's local application data.</summary>
public static class UserDataFolder
{
    /// <summary>
    /// <c>$VITSHARP_DATA</c> when that variable is set, else <c>vitsharp</c> under the user's local application data
    /// (<c>~/.local/share/vitsharp</c> on Linux, <c>%LOCALAPPDATA%\vitsharp</c> on Windows).
    /// </summary>
    public static string Root =>
        Environment.GetEnvironmentVariable("VITSHARP_DATA") is { Length: > 0 } root
            ? root
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "vitsharp");
}
