using System.ComponentModel;
using ViT.Onnx;

namespace ViT;

/// <summary>
/// Implemented by every model the ViT# generator writes: the compile-time facts about the model,
/// reachable from an instance so that the trainer and tools can show them, and its ONNX export.
/// </summary>
public interface IGeneratedModel
{
    /// <summary>The layer table, shapes and parameter total worked out at compile time.</summary>
    ModelSummary Summary { get; }

    /// <summary>
    /// The precision the model computes its products in: its <c>[Precision]</c> (float32 without one) until set.
    /// Setting it reaches the models it uses as layers too. The weights stay float32 either way.
    /// </summary>
    Precision Precision { get; set; }

    /// <summary>
    /// Writes the model, with its current weights, as an ONNX file for ONNX Runtime and other runtimes: see
    /// <see cref="OnnxExport"/> for its input, output and metadata.
    /// </summary>
    /// <param name="path">The .onnx file to write (replaced if it exists).</param>
    void ExportOnnx(string path);

    /// <summary>Writes the model, with its current weights, as an ONNX model to <paramref name="stream"/>.</summary>
    /// <param name="stream">Where to write the model.</param>
    void ExportOnnx(Stream stream);

    /// <summary>
    /// Adds the model's nodes to <paramref name="graph"/>, reading the value <paramref name="input"/>, with its
    /// state-dict names under <paramref name="prefix"/>; returns the value it produces. Export calls it with an empty
    /// prefix; a model that uses this one as a layer calls it with the layer's name and a dot.
    /// </summary>
    /// <param name="graph">The graph being written.</param>
    /// <param name="input">The name of the value the model receives.</param>
    /// <param name="prefix">What the model's state-dict names are prefixed with in the graph (<c>""</c>, or <c>"3."</c>).</param>
    /// <returns>The name of the value the model produces.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    string AppendOnnx(OnnxGraph graph, string input, string prefix);

    /// <summary>
    /// Writes the model's PyTorch twin: a Python file with a <c>torch.nn.Module</c> that has the same layers, state-dict
    /// names, initialisation and forward, and <c>train_ddp.py</c> beside it, which trains the twin with torchrun or
    /// Lightning on many processes and GPUs; the weights it writes load here with <c>ModelWeights.Load</c>. See
    /// docs/scale-out.md.
    /// </summary>
    /// <param name="path">The .py file to write (replaced if it exists), such as <c>out/cnn/cnn.py</c>.</param>
    void ExportPyTorch(string path);

    /// <summary>The PyTorch twin's source, written by the generator at compile time; <see cref="ExportPyTorch"/> writes it.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    string PyTorchSource { get; }
}
