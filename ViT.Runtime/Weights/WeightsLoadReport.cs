namespace ViT.Weights;

/// <summary>
/// How a weights file met a model: which tensors fit and were (or, after a refused strict load, would have been) copied,
/// and which were skipped and why. <see cref="ToString"/> says all of it in one message, the same one a
/// <see cref="WeightsMismatchException"/> carries.
/// </summary>
/// <param name="Source">The file.</param>
/// <param name="ModelTensors">How many tensors the model's state dict holds.</param>
/// <param name="Matched">Names present in both with equal shapes: the tensors that fit.</param>
/// <param name="Missing">Names the model has and the file lacks (left as they were).</param>
/// <param name="Unexpected">Names the file has and the model lacks (ignored).</param>
/// <param name="Mismatched">Names present in both with different shapes (skipped).</param>
/// <param name="Applied">Whether the tensors that fit were copied: false when a strict load refused the file.</param>
public sealed record WeightsLoadReport(string Source, int ModelTensors, IReadOnlyList<string> Matched, IReadOnlyList<string> Missing,
    IReadOnlyList<string> Unexpected, IReadOnlyList<ShapeMismatch> Mismatched, bool Applied)
{
    /// <summary>Names left out on both sides because the load was asked to (a head to be trained anew).</summary>
    public IReadOnlyList<string> Excluded { get; init; } = [];

    /// <summary>True when every name matched in both directions with equal shapes.</summary>
    public bool IsExact => Missing.Count == 0 && Unexpected.Count == 0 && Mismatched.Count == 0;

    /// <summary>The names copied into the model: <see cref="Matched"/> when applied, none when a strict load refused the file.</summary>
    public IReadOnlyList<string> Loaded => Applied ? Matched : [];

    /// <summary>
    /// One message: what was loaded (or that nothing was, and what would have fitted), then each tensor skipped with
    /// its reason: the file's shape against the model's, missing from the file, or not in the model.
    /// </summary>
    public override string ToString()
    {
        var lines = new List<string>
        {
            (Applied, IsExact) switch
            {
                (true, true) when Excluded.Count == 0 => $"Loaded all {ModelTensors} tensors of the model from {Source}.",
                (true, true) => $"Loaded {Matched.Count} of the model's {ModelTensors} tensors from {Source}; left out as asked: {string.Join(", ", Excluded)}.",
                (true, false) => $"Loaded {Matched.Count} of the model's {ModelTensors} tensors from {Source}; skipped the rest:",
                (false, _) => $"Loaded nothing from {Source}: a strict load needs every tensor to fit, and {Matched.Count} of the model's {ModelTensors} do. The others:",
            },
        };
        if (!IsExact && Excluded.Count > 0) lines.Add($"  left out as asked: {string.Join(", ", Excluded)}");
        lines.AddRange(Mismatched.Select(mismatch => $"  shape differs: {mismatch}"));
        if (Missing.Count > 0) lines.Add($"  missing from the file{(Applied ? " (left as they were)" : "")}: {string.Join(", ", Missing)}");
        if (Unexpected.Count > 0) lines.Add($"  in the file but not in the model{(Applied ? " (ignored)" : "")}: {string.Join(", ", Unexpected)}");
        if (!Applied) lines.Add($"Load with strict: false to copy the {Matched.Count} that fit and leave the others as they are.");
        return string.Join(Environment.NewLine, lines);
    }
}
