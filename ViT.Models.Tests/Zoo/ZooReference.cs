using TorchSharp;
using ViT.Weights;
using static TorchSharp.torch;

namespace ViT.Models.Tests.Zoo;

/// <summary>
/// Compares a TorchSharp module whose state-dict names are the reference's with the reference's fixture: the state
/// dict's names, dtypes, shapes and kinds must equal the reference's; then the module takes the formula weights and the
/// fixture's BatchNorm statistics, runs the formula input in evaluation mode, and its logits are compared with the
/// reference's.
/// </summary>
public static class ZooReference
{
    static readonly Dictionary<ScalarType, string> DTypeNames = new()
    {
        [ScalarType.Float64] = "F64", [ScalarType.Float32] = "F32", [ScalarType.Float16] = "F16", [ScalarType.BFloat16] = "BF16",
        [ScalarType.Int64] = "I64", [ScalarType.Int32] = "I32", [ScalarType.Int16] = "I16", [ScalarType.Int8] = "I8",
        [ScalarType.Byte] = "U8", [ScalarType.Bool] = "BOOL",
    };

    /// <summary>
    /// max |ours - reference| / max |reference| over the logits of the formula input, after
    /// <see cref="RequireStateDict"/> and <see cref="SetFormulaWeights"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The state dict differs from the reference's (every difference listed).</exception>
    public static double MaxRelativeLogitDifference(nn.Module<Tensor, Tensor> model, ZooFixture fixture)
    {
        RequireStateDict(model, fixture);
        SetFormulaWeights(model, fixture);
        using var scope = torch.NewDisposeScope();
        return MaxRelativeDifference(Logits(model, fixture), torch.tensor(fixture.Logits.Values, fixture.Logits.Shape), fixture.Model);
    }

    /// <summary>
    /// Writes the reference's state dict to <paramref name="path"/> (<see cref="WriteStateDict"/>), loads it into the
    /// module with <see cref="ModelWeights.Load"/> (strict), and compares the module's logits of the formula input with
    /// the reference's.
    /// </summary>
    /// <exception cref="InvalidOperationException">The state dict differs from the reference's (every difference listed).</exception>
    public static LogitDifference LoadStrictlyAndCompare(nn.Module<Tensor, Tensor> model, ZooFixture fixture, string path)
    {
        RequireStateDict(model, fixture);
        WriteStateDict(fixture, path);
        ModelWeights.Load(model, path);
        using var scope = torch.NewDisposeScope();
        return Compare(Logits(model, fixture), torch.tensor(fixture.Logits.Values, fixture.Logits.Shape), fixture.Model);
    }

    /// <summary>max |ours - reference| / max |reference|, in float64.</summary>
    /// <exception cref="InvalidOperationException">The shapes differ.</exception>
    public static double MaxRelativeDifference(Tensor ours, Tensor reference, string model) => Compare(ours, reference, model).Relative;

    /// <summary>max |ours - reference| and that over max |reference|, in float64.</summary>
    /// <exception cref="InvalidOperationException">The shapes differ.</exception>
    public static LogitDifference Compare(Tensor ours, Tensor reference, string model)
    {
        if (!ours.shape.SequenceEqual(reference.shape))
            throw new InvalidOperationException($"{model}: the logits have shape [{string.Join(", ", ours.shape)}], the reference's [{string.Join(", ", reference.shape)}].");
        using var scope = torch.NewDisposeScope();
        double absolute = (ours.to(float64) - reference.to(float64)).abs().max().item<double>();
        return new LogitDifference(absolute, absolute / reference.to(float64).abs().max().item<double>());
    }

    /// <summary>Every way the module's state dict differs from the reference's: missing, unexpected, other shape, dtype or kind.</summary>
    public static IReadOnlyList<string> StateDictDifferences(nn.Module model, ZooFixture fixture)
    {
        var ours = Entries(model).ToDictionary(e => e.Name);
        var differences = new List<string>();
        foreach (var expected in fixture.StateDict)
        {
            if (!ours.Remove(expected.Name, out var actual))
                differences.Add($"missing: {expected}");
            else if (actual.Description != expected.Description)
                differences.Add($"different: {actual.Name} is {actual.Description}, the reference's {expected.Description}");
        }

        differences.AddRange(ours.Values.Select(unexpected => $"unexpected: {unexpected}"));
        return differences;
    }

    /// <summary>Throws unless the module's state dict equals the reference's.</summary>
    /// <exception cref="InvalidOperationException">Lists every difference.</exception>
    public static void RequireStateDict(nn.Module model, ZooFixture fixture)
    {
        var differences = StateDictDifferences(model, fixture);
        if (differences.Count > 0)
            throw new InvalidOperationException($"{model.GetName()}'s state dict differs from {fixture.Reference}'s in {differences.Count} entries:{Environment.NewLine}{string.Join(Environment.NewLine, differences)}");
    }

    /// <summary>
    /// Sets every state-dict tensor of the module to the reference's value (<see cref="ReferenceValue"/>).
    /// </summary>
    public static void SetFormulaWeights(nn.Module model, ZooFixture fixture)
    {
        using var noGrad = torch.no_grad();
        foreach (var (name, tensor) in model.state_dict())
        {
            using var scope = torch.NewDisposeScope();
            tensor.copy_(ReferenceValue(fixture, name, tensor.shape));
        }
    }

    /// <summary>
    /// Writes the reference's state dict as PyTorch would save it, built from the fixture alone: every entry of its
    /// listing, in its dtype (<c>num_batches_tracked</c> as I64), with its <see cref="ReferenceValue"/>.
    /// </summary>
    public static void WriteStateDict(ZooFixture fixture, string path)
    {
        using var scope = torch.NewDisposeScope();
        var tensors = fixture.StateDict.ToDictionary(e => e.Name, e => ReferenceValue(fixture, e.Name, e.Shape).to(TypeNamed(e.DType)));
        SafeTensorsFile.Write(path, tensors, new Dictionary<string, string> { ["reference"] = fixture.Reference });
    }

    /// <summary>
    /// The reference's value of a state-dict entry: the formula, BatchNorm's running means and variances from the
    /// fixture, and 1 for <c>num_batches_tracked</c> (the reference's statistics come from one batch).
    /// </summary>
    /// <exception cref="InvalidOperationException">The entry is a statistic the fixture does not hold.</exception>
    public static Tensor ReferenceValue(ZooFixture fixture, string name, long[] shape)
    {
        if (FormulaWeights.TensorFor(name, shape) is Tensor values) return values;
        if (fixture.Statistics.TryGetValue(name, out var statistics)) return torch.tensor(statistics.Values, statistics.Shape);
        if (name.EndsWith("num_batches_tracked", StringComparison.Ordinal)) return torch.ones(shape, int64);
        throw new InvalidOperationException($"{fixture.Model}: the fixture has no statistics for {name}.");
    }

    /// <summary>The module's logits of the formula input in evaluation mode.</summary>
    public static Tensor Logits(nn.Module<Tensor, Tensor> model, ZooFixture fixture)
    {
        using var noGrad = torch.no_grad();
        model.eval();
        using var input = FormulaWeights.Input(fixture.InputShape);
        return model.forward(input);
    }

    static IEnumerable<StateDictEntry> Entries(nn.Module model)
    {
        var parameters = model.named_parameters().Select(p => p.name).ToHashSet();
        return model.state_dict().Select(e => new StateDictEntry(e.Key, DType(e.Value.dtype), e.Value.shape, parameters.Contains(e.Key)));
    }

    /// <summary>The safetensors name of a TorchSharp dtype.</summary>
    public static string DType(ScalarType type) => DTypeNames.TryGetValue(type, out string? name) ? name : type.ToString();

    /// <summary>The TorchSharp dtype of a safetensors name.</summary>
    static ScalarType TypeNamed(string dtype) => DTypeNames.FirstOrDefault(entry => entry.Value == dtype) is { Value: not null } entry
        ? entry.Key
        : throw new InvalidOperationException($"the fixture names the dtype {dtype}, which a state dict does not hold.");
}
