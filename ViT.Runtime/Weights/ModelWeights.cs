using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Weights;

/// <summary>
/// Moves a model's weights in and out of safetensors files by state-dict name, so they travel to and from
/// PyTorch and timm (<c>load_state_dict(strict=True)</c>) unchanged.
/// </summary>
public static class ModelWeights
{
    /// <summary>Saves every parameter and buffer of <paramref name="model"/> as F32, with optional metadata.</summary>
    public static void Save(nn.Module model, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var tensors = new Dictionary<string, (long[], float[])>(StringComparer.Ordinal);
        foreach (var (name, tensor) in model.state_dict())
        {
            using var values = tensor.detach().cpu().to_type(ScalarType.Float32).contiguous();
            tensors[name] = (values.shape, values.data<float>().ToArray());
        }
        SafeTensorsFile.Write(path, tensors, metadata);
    }

    /// <summary>
    /// Loads <paramref name="path"/> into <paramref name="model"/>. Strict (the default): any missing, unexpected
    /// or mis-shaped tensor throws <see cref="WeightsMismatchException"/> and the model is left untouched.
    /// Not strict: the matching tensors are copied and the report says what was skipped.
    /// </summary>
    public static WeightsLoadReport Load(nn.Module model, string path, bool strict = true)
    {
        var (tensors, _) = SafeTensorsFile.Read(path);
        var state = model.state_dict();
        var loaded = new List<string>();
        var mismatched = new List<ShapeMismatch>();
        foreach (var (name, target) in state)
        {
            if (!tensors.TryGetValue(name, out var entry)) continue;
            if (target.shape.SequenceEqual(entry.Shape)) loaded.Add(name);
            else mismatched.Add(new ShapeMismatch(name, target.shape, entry.Shape));
        }
        var report = new WeightsLoadReport(loaded,
            state.Keys.Where(name => !tensors.ContainsKey(name)).ToList(),
            tensors.Keys.Where(name => !state.ContainsKey(name)).Order(StringComparer.Ordinal).ToList(),
            mismatched);
        if (strict && !report.IsExact) throw new WeightsMismatchException(path, report);

        using (torch.no_grad())
        {
            foreach (string name in loaded)
            {
                var target = state[name];
                using var source = torch.tensor(tensors[name].Values, tensors[name].Shape, dtype: ScalarType.Float32);
                target.copy_(source.to(target.dtype).to(target.device));
            }
        }
        return report;
    }

    /// <summary>Reads only the metadata of a weights file (for example the model's attribute configuration).</summary>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path) => SafeTensorsFile.Read(path).Metadata;
}
