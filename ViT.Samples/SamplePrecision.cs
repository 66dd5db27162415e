using ViT.Samples.Cli;
using ViT.Training;

namespace ViT.Samples;

/// <summary>
/// The precision a sample model computes in: <c>--precision</c> where given; else the model's <c>[Precision]</c>, except
/// bfloat16 on a device without bfloat16 instructions, where it would run many times slower than float32.
/// </summary>
public static class SamplePrecision
{
    static readonly HashSet<string> Told = [];

    /// <summary>Sets <paramref name="model"/>'s precision for <paramref name="settings"/>, saying so when it leaves the declared one.</summary>
    public static void Apply(IGeneratedModel model, string name, SampleSettings settings)
    {
        if (settings.Precision is { } asked)
        {
            model.Precision = asked;
            return;
        }
        var chosen = BFloat16Support.Choose(model.Precision, TrainingDevice.Resolve(settings.Device));
        if (chosen == model.Precision) return;
        model.Precision = chosen;
        if (Told.Add(name)) Console.WriteLine($"{name} declares bfloat16 products, but this CPU has no bfloat16 instructions (AVX512_BF16 or AMX-BF16), without which they run about 15 times slower than float32: computing in float32. --precision bf16 keeps bfloat16.");
    }
}
