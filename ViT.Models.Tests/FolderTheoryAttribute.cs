namespace ViT.Models.Tests;

/// <summary>A theory that runs only where the environment variable <see cref="Variable"/> names a folder (a long, optional test).</summary>
public sealed class FolderTheoryAttribute : TheoryAttribute
{
    /// <summary>Skips the theory unless <paramref name="variable"/> is set.</summary>
    public FolderTheoryAttribute(string variable, string purpose)
    {
        Variable = variable;
        if (string.IsNullOrEmpty(Folder(variable))) Skip = $"set {variable} to {purpose}";
    }

    /// <summary>The environment variable.</summary>
    public string Variable { get; }

    /// <summary>The folder the variable names, or null.</summary>
    public static string? Folder(string variable) => Environment.GetEnvironmentVariable(variable);
}
