using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Weights;

/// <summary>
/// Moves a model's weights in and out of safetensors files by state-dict name, so they travel to and from
/// PyTorch and timm (<c>load_state_dict(strict=True)</c>) unchanged.
/// </summary>
public static class ModelWeights
{
    /// <summary>The metadata key of a generated model's class name.</summary>
    public const string ModelKey = "model";

    /// <summary>The metadata key of a generated model's summary table.</summary>
    public const string SummaryKey = "summary";

    /// <summary>
    /// Saves every parameter and buffer of <paramref name="model"/> in the types PyTorch's <c>state_dict()</c> holds:
    /// floating-point tensors as F32 (the weights stay float32 whatever the model computes in), integer and boolean
    /// buffers in their own type (<c>num_batches_tracked</c> as I64). A generated model's class name and summary go into
    /// the metadata (<see cref="ModelKey"/>, <see cref="SummaryKey"/>), so the file says what it holds; entries of
    /// <paramref name="metadata"/> are added, and win.
    /// </summary>
    public static void Save(nn.Module model, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in model.state_dict())
            tensors[name] = tensor.is_floating_point() ? tensor.detach().to_type(ScalarType.Float32) : tensor;
        var described = new Dictionary<string, string>(StringComparer.Ordinal);
        if (model is IGeneratedModel generated)
        {
            described[ModelKey] = generated.Summary.ModelName;
            described[SummaryKey] = generated.Summary.ToString();
        }
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>()) described[key] = value;
        SafeTensorsFile.Write(path, tensors, described);
    }

    /// <summary>
    /// Loads <paramref name="path"/> into <paramref name="model"/>, converting each tensor from the file's type (any that
    /// PyTorch writes) to the model's. Strict (the default): any missing, unexpected or mis-shaped tensor throws
    /// <see cref="WeightsMismatchException"/> and the model is left untouched. Not strict: the tensors that fit are copied
    /// and the report says what was skipped and why. The tensors under <paramref name="exclude"/> (state-dict prefixes at
    /// a dot, such as <c>"head"</c>) are left as they are on both sides, so a trained body loads strictly into a model
    /// with a new head.
    /// </summary>
    public static WeightsLoadReport Load(nn.Module model, string path, bool strict = true, IReadOnlyCollection<string>? exclude = null)
    {
        var (tensors, _) = SafeTensorsFile.Read(path);
        var state = model.state_dict();
        bool Excluded(string name) => exclude?.Any(prefix => name == prefix || name.StartsWith(prefix + ".", StringComparison.Ordinal)) ?? false;
        var excluded = state.Keys.Concat(tensors.Keys).Where(Excluded).Distinct().Order(StringComparer.Ordinal).ToList();
        if (exclude is not null && exclude.FirstOrDefault(prefix => !excluded.Any(name => name == prefix || name.StartsWith(prefix + ".", StringComparison.Ordinal))) is { } unused)
            throw new ArgumentException($"Nothing in {path} or in {model.GetName()} is under \"{unused}\"; exclude state-dict prefixes such as {string.Join(", ", state.Keys.Select(n => "\"" + n.Split('.')[0] + "\"").Distinct().Take(6))}.", nameof(exclude));
        int modelTensors = state.Count;
        state = state.Where(pair => !Excluded(pair.Key)).ToDictionary();
        tensors = tensors.Where(pair => !Excluded(pair.Key)).ToDictionary();
        var matched = new List<string>();
        var mismatched = new List<ShapeMismatch>();
        foreach (var (name, target) in state)
        {
            if (!tensors.TryGetValue(name, out var entry)) continue;
            if (target.shape.SequenceEqual(entry.Shape)) matched.Add(name);
            else mismatched.Add(new ShapeMismatch(name, target.shape, entry.Shape));
        }
        var missing = state.Keys.Where(name => !tensors.ContainsKey(name)).ToList();
        var unexpected = tensors.Keys.Where(name => !state.ContainsKey(name)).Order(StringComparer.Ordinal).ToList();
        var fits = new WeightsLoadReport(path, modelTensors, matched, missing, unexpected, mismatched, Applied: false) { Excluded = excluded };
        if (strict && !fits.IsExact) throw new WeightsMismatchException(path, fits);

        using (torch.no_grad())
        {
            foreach (string name in matched)
            {
                using var scope = NewDisposeScope();
                var target = state[name];
                target.copy_(tensors[name].ToTensor().to(target.dtype, target.device));
            }
        }
        return fits with { Applied = true };
    }

    /// <summary>Reads only the metadata of a weights file (for example the model's attribute configuration).</summary>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path) => SafeTensorsFile.Read(path).Metadata;
}
