namespace ViT.Weights;

/// <summary>A tensor whose shape in the file differs from the model's.</summary>
public sealed record ShapeMismatch(string Name, long[] Expected, long[] Found)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Name}: model has [{string.Join(", ", Expected)}], file has [{string.Join(", ", Found)}]";
}

/// <summary>How a weights file matched a model: what was loaded and what did not fit.</summary>
/// <param name="Loaded">Names copied into the model.</param>
/// <param name="Missing">Names the model has and the file lacks.</param>
/// <param name="Unexpected">Names the file has and the model lacks.</param>
/// <param name="Mismatched">Names present in both with different shapes.</param>
public sealed record WeightsLoadReport(IReadOnlyList<string> Loaded, IReadOnlyList<string> Missing, IReadOnlyList<string> Unexpected, IReadOnlyList<ShapeMismatch> Mismatched)
{
    /// <summary>True when every name matched in both directions with equal shapes.</summary>
    public bool IsExact => Missing.Count == 0 && Unexpected.Count == 0 && Mismatched.Count == 0;

    /// <inheritdoc/>
    public override string ToString()
    {
        var lines = new List<string> { $"{Loaded.Count} tensors loaded" };
        if (Missing.Count > 0) lines.Add($"missing from the file: {string.Join(", ", Missing)}");
        if (Unexpected.Count > 0) lines.Add($"unexpected in the file: {string.Join(", ", Unexpected)}");
        if (Mismatched.Count > 0) lines.Add($"shape mismatches: {string.Join("; ", Mismatched)}");
        return string.Join(Environment.NewLine, lines);
    }
}
