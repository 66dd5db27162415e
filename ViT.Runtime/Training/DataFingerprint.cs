using System.Runtime.InteropServices;
using System.Security.Cryptography;
using ViT.Data;
using static TorchSharp.torch;

namespace ViT.Training;

/// <summary>
/// What identifies a training set for a resume: its count, a SHA-256 of all its labels and of
/// <see cref="SampledImages"/> images spread evenly over it (the first and the last among them), and the transforms.
/// Reading every image would cost a pass over the data at each start; the spread catches another data set, another
/// order, another <c>--limit</c> or a relabelling, though not one changed picture among many.
/// </summary>
public static class DataFingerprint
{
    /// <summary>How many images the fingerprint reads.</summary>
    public const int SampledImages = 64;

    /// <summary>The record of <paramref name="train"/> and <paramref name="transforms"/> that a checkpoint keeps.</summary>
    public static CheckpointData Of(IImageSource train, TransformPipeline? transforms)
    {
        using var scope = NewDisposeScope();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(BitConverter.GetBytes(train.Count));
        const int chunk = 1 << 16;
        for (int start = 0; start < train.Count; start += chunk)
        {
            long[] indices = Range(start, Math.Min(chunk, train.Count - start));
            hash.AppendData(MemoryMarshal.AsBytes(SourceContract.Labels(train, indices).data<long>().ToArray().AsSpan()));
        }
        int sampled = Math.Min(SampledImages, train.Count);
        long[] spread = Enumerable.Range(0, sampled).Select(i => sampled == 1 ? 0L : (long)i * (train.Count - 1) / (sampled - 1)).ToArray();
        if (spread.Length > 0) hash.AppendData(MemoryMarshal.AsBytes(SourceContract.Read(train, spread).Images.contiguous().data<float>().ToArray().AsSpan()));
        return new CheckpointData(train.Description, train.Count, Convert.ToHexStringLower(hash.GetHashAndReset())[..16], Describe(transforms));
    }

    /// <summary>The transforms as text: each step's own description, or its type's name.</summary>
    static string Describe(TransformPipeline? transforms) =>
        transforms is null || transforms.Steps.Count == 0
            ? "none"
            : string.Join("; ", transforms.Steps.Select(step => step.ToString() is string text && text.StartsWith(step.GetType().Name, StringComparison.Ordinal) ? text : $"{step.GetType().Name} {step}"));

    static long[] Range(int start, int count)
    {
        var indices = new long[count];
        for (int i = 0; i < count; i++) indices[i] = start + i;
        return indices;
    }
}
