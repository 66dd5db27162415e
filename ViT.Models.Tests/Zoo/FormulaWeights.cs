using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Models.Tests.Zoo;

/// <summary>
/// Formula weights (docs/zoo-reference.md): every state-dict tensor's values as a function of its name and shape only,
/// from integer hashing, so that this class and tools/formula_weights.py give the same float32 values bit for bit.
/// </summary>
public static class FormulaWeights
{
    /// <summary>The name the input batch's values are drawn under.</summary>
    public const string InputName = "__input__";

    const long ChunkSize = 1 << 16;

    static readonly HashSet<string> Tokens = ["cls_token", "dist_token", "reg_token", "pos_embed"];
    static readonly HashSet<string> LayerScales = ["layer_scale", "gamma"];
    static readonly HashSet<string> BatchNormStatistics = ["running_mean", "running_var", "num_batches_tracked"];

    /// <summary>FNV-1a, 32 bits, of the name's UTF-8 bytes: the tensor's seed.</summary>
    public static uint Seed(string name)
    {
        uint hash = 0x811C9DC5;
        foreach (byte b in Encoding.UTF8.GetBytes(name)) hash = (hash ^ b) * 0x01000193;
        return hash;
    }

    /// <summary>Chris Wellons' lowbias32 finaliser.</summary>
    public static uint Mix(uint x)
    {
        x ^= x >> 16;
        x *= 0x7FEB352D;
        x ^= x >> 15;
        x *= 0x846CA68B;
        return x ^ (x >> 16);
    }

    /// <summary>u = Mix(seed XOR Mix(index)) / 2^31 - 1, exact in float64, in [-1, 1).</summary>
    public static double Uniform(uint seed, long index) => Mix(seed ^ Mix((uint)index)) / 2147483648.0 - 1.0;

    /// <summary>The rule for the state-dict entry <paramref name="name"/>, or null for BatchNorm's running statistics.</summary>
    public static FormulaRule? RuleFor(string name, IReadOnlyList<long> shape)
    {
        string leaf = name[(name.LastIndexOf('.') + 1)..];
        if (BatchNormStatistics.Contains(leaf)) return null;
        if (Tokens.Contains(leaf)) return new FormulaRule(0.0, 0.5);
        if (LayerScales.Contains(leaf)) return new FormulaRule(0.5, 0.25);
        if (shape.Count >= 2) return new FormulaRule(0.0, Math.Sqrt(3.0 / (Elements(name, shape) / shape[0])));
        if (name.EndsWith("weight", StringComparison.Ordinal)) return new FormulaRule(1.0, 0.25);
        return new FormulaRule(0.0, 0.1);
    }

    /// <summary>Element <paramref name="index"/>: <c>Offset + Scale * u</c> in float64, rounded to float32.</summary>
    public static float Value(uint seed, long index, FormulaRule rule) => (float)(rule.Offset + rule.Scale * Uniform(seed, index));

    /// <summary>Every element's <see cref="Value"/>, row-major.</summary>
    public static float[] Values(string name, IReadOnlyList<long> shape, FormulaRule rule)
    {
        uint seed = Seed(name);
        var values = new float[Elements(name, shape)];
        // Each element depends on its index alone, so chunks fill in parallel (133 million values for VGG-11).
        Parallel.For(0, (values.LongLength + ChunkSize - 1) / ChunkSize, chunk =>
        {
            for (long i = chunk * ChunkSize, end = Math.Min(i + ChunkSize, values.LongLength); i < end; i++) values[i] = Value(seed, i, rule);
        });
        return values;
    }

    /// <summary>The formula tensor for the state-dict entry <paramref name="name"/>, or null for BatchNorm's running statistics.</summary>
    public static Tensor? TensorFor(string name, long[] shape) =>
        RuleFor(name, shape) is FormulaRule rule ? torch.tensor(Values(name, shape, rule), shape) : null;

    /// <summary>The input batch: the name <see cref="InputName"/>, offset 0, scale 1.</summary>
    public static Tensor Input(long[] shape) => torch.tensor(Values(InputName, shape, new FormulaRule(0.0, 1.0)), shape);

    static long Elements(string name, IReadOnlyList<long> shape)
    {
        long count = shape.Aggregate(1L, (product, size) => product * size);
        if (count > 1L << 32) throw new ArgumentException($"{name}: {count} elements; the formula indexes elements with 32 bits.", nameof(shape));
        return count;
    }
}
