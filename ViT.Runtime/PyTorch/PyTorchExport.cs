using System.Reflection;
using ViT.IO;

namespace ViT.PyTorch;

/// <summary>
/// Writes a generated model's PyTorch twin (<see cref="IGeneratedModel.ExportPyTorch"/>): the source the generator wrote
/// at compile time, and the launcher <c>train_ddp.py</c> beside it. Both files are replaced atomically.
/// </summary>
public static class PyTorchExport
{
    /// <summary>The launcher's file name, written beside every twin.</summary>
    public const string LauncherFileName = "train_ddp.py";

    /// <summary>Writes <paramref name="model"/>'s twin to <paramref name="path"/> and the launcher into the same folder.</summary>
    public static void Save(IGeneratedModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!path.EndsWith(".py", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"The PyTorch twin is a Python file and Python imports only .py files; name it such as {Path.ChangeExtension(Path.GetFileName(path), ".py")}, not {path}.", nameof(path));
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        AtomicFile.WriteAllText(path, model.PyTorchSource);
        AtomicFile.WriteAllText(Path.Combine(folder, LauncherFileName), Launcher.Value);
    }

    /// <summary>The launcher's source, shipped inside this assembly.</summary>
    public static string LauncherSource => Launcher.Value;

    static readonly Lazy<string> Launcher = new(() =>
    {
        using var stream = typeof(PyTorchExport).Assembly.GetManifestResourceStream("ViT.PyTorch.train_ddp.py")
            ?? throw new InvalidOperationException("ViT.Runtime was built without its train_ddp.py resource.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
