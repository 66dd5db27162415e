using TorchSharp;
using ViT.Data;
using ViT.Weights;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Data;

/// <summary>
/// RandAugment's operations against torchvision's (tools/make_augment_fixtures.py), and RandAugment and random erasing as
/// per-image functions of (seed, epoch, index).
/// </summary>
public sealed class AugmentationTests(ITestOutputHelper output)
{
    static readonly IReadOnlyDictionary<string, SafeTensorsEntry> Reference =
        SafeTensorsFile.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "augment", "randaugment.safetensors")).Tensors;

    static Tensor Images(string name) => tensor(Reference[name].Values, Reference[name].Shape);

    public static TheoryData<RandAugment.Operation> Operations() => new(RandAugment.Policy.Where(op => op != RandAugment.Operation.Identity));

    [Theory]
    [MemberData(nameof(Operations))]
    public void Each_operation_at_magnitude_9_makes_what_torchvision_makes(RandAugment.Operation operation)
    {
        // torchvision works on bytes: its geometric results are rounded to 1/255, its blends truncated, its sharpness both.
        const double Tolerance = 1.5 / 255;
        var augment = new RandAugment(Magnitude: 9);
        foreach (string kind in new[] { "gray", "rgb" })
        {
            using var scope = NewDisposeScope();
            var images = Images($"__{kind}__");
            var actual = augment.ApplyOperation(operation, images, Enumerable.Repeat(1f, (int)images.shape[0]).ToArray());
            var expected = Images($"{operation}.{kind}");
            double error = (actual - expected).abs().max().item<float>();
            output.WriteLine($"{operation} on {kind}: largest difference {error * 255:F2}/255");
            Assert.True(error <= Tolerance, $"{operation} on {kind} images differs from torchvision's by {error * 255:F2}/255");
            // Where torchvision changes the images (not autocontrast on MNIST digits, already black to white), so must we.
            if (!expected.eq(images).all().item<bool>()) Assert.False(actual.eq(images).all().item<bool>(), $"{operation} left the {kind} images unchanged");
        }
    }

    [Fact]
    public void RandAugment_and_erasing_are_the_same_for_the_same_seed_epoch_and_index_and_stay_in_range()
    {
        var pipeline = new TransformPipeline(new RandAugment(), new RandomErasing(Probability: 0.5));
        using var images = Images("__gray__").repeat(4, 1, 1, 1); // 16 images: 4 MNIST digits, each 4 times
        long[] indices = Enumerable.Range(100, 16).Select(i => (long)i).ToArray();

        using var a = pipeline.Apply(images, new TransformContext(1, 2, indices));
        using var b = pipeline.Apply(images, new TransformContext(1, 2, indices));
        using var otherEpoch = pipeline.Apply(images, new TransformContext(1, 3, indices));
        using var alone = pipeline.Apply(images[5..6], new TransformContext(1, 2, [105]));

        Assert.True(a.eq(b).all().item<bool>());
        Assert.False(a.eq(otherEpoch).all().item<bool>());
        Assert.True(a[5..6].eq(alone).all().item<bool>()); // an image's fate does not depend on its batch
        Assert.True(a.min().item<float>() >= 0 && a.max().item<float>() <= 1);
        Assert.True(pipeline.IsRandom);
        Assert.Empty(pipeline.ForEvaluation().Steps);
    }

    [Fact]
    public void Erasing_zeroes_one_box_of_the_stated_area_in_about_the_stated_share_of_images()
    {
        var erasing = new RandomErasing(Probability: 0.25, MinArea: 0.02, MaxArea: 1.0 / 3);
        using var images = ones(2000, 1, 28, 28);
        long[] indices = Enumerable.Range(0, 2000).Select(i => (long)i).ToArray();

        using var erased = erasing.Apply(images, new TransformContext(7, 1, indices));

        float[] zeroFraction = erased.eq(0).to(ScalarType.Float32).mean([1, 2, 3]).data<float>().ToArray();
        var touched = zeroFraction.Where(f => f > 0).ToArray();
        Assert.InRange(touched.Length, 2000 * 0.21, 2000 * 0.29);
        Assert.All(touched, f => Assert.InRange(f, 0.02 * 0.8, 1.0 / 3 * 1.2)); // rounding the sides to whole pixels
        // One rectangle: each erased image's zeros span exactly the rows times the columns they occupy.
        for (int i = 0; i < 2000; i++)
        {
            if (zeroFraction[i] == 0) continue;
            var mask = erased[i, 0].eq(0);
            long rows = mask.any(1).sum().item<long>(), columns = mask.any(0).sum().item<long>();
            Assert.Equal(rows * columns, mask.sum().item<long>());
        }
    }

    [Fact]
    public void Erasing_with_noise_draws_the_same_noise_for_the_same_image()
    {
        var erasing = new RandomErasing(Probability: 1, Fill: ErasingFill.Noise);
        using var images = zeros(3, 1, 28, 28);

        using var a = erasing.Apply(images, new TransformContext(1, 1, [4, 5, 6]));
        using var b = erasing.Apply(images[1..2], new TransformContext(1, 1, [5]));

        Assert.True(a[1..2].eq(b).all().item<bool>());
        Assert.True(a.std().item<float>() > 0.1);
    }
}
