using ViT.Onnx;
using static TorchSharp.torch;

namespace ViT;

/// <summary>
/// <c>ExportOnnx</c> on any TorchSharp module that the ViT# generator wrote, whatever type the variable holding it has
/// (<c>Module&lt;Tensor, Tensor&gt;</c> from a factory, say), and with an <see cref="OnnxPreprocessing"/> that puts the class
/// names and the normalisation into the file. A generated model's own <c>ExportOnnx(path)</c> is the same as these
/// without preprocessing.
/// </summary>
public static class OnnxExportExtensions
{
    /// <summary>Writes <paramref name="model"/>, with its current weights, as an ONNX file (see <see cref="OnnxExport"/>).</summary>
    /// <param name="model">A model written by the ViT# generator.</param>
    /// <param name="path">The .onnx file to write (replaced if it exists).</param>
    /// <param name="preprocessing">Class names and normalisation to carry in the file, or null.</param>
    /// <exception cref="ArgumentException">The module was not written by the ViT# generator, or <paramref name="preprocessing"/> does not fit it.</exception>
    public static void ExportOnnx(this nn.Module model, string path, OnnxPreprocessing? preprocessing = null) =>
        OnnxExport.Save(model, Generated(model), path, preprocessing);

    /// <summary>Writes <paramref name="model"/>, with its current weights, as an ONNX model to <paramref name="stream"/>.</summary>
    /// <exception cref="ArgumentException">The module was not written by the ViT# generator, or <paramref name="preprocessing"/> does not fit it.</exception>
    public static void ExportOnnx(this nn.Module model, Stream stream, OnnxPreprocessing? preprocessing = null) =>
        OnnxExport.Save(model, Generated(model), stream, preprocessing);

    static IGeneratedModel Generated(nn.Module model) =>
        model as IGeneratedModel
        ?? throw new ArgumentException($"{model.GetType().Name} was not written by the ViT# generator, so it cannot export itself to ONNX; declare it with ViT#'s attributes on a partial class.", nameof(model));
}
