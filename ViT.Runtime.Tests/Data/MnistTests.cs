using ViT.Data;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Data;

/// <summary>Loads the real MNIST files that travel with the test output.</summary>
public sealed class MnistTests : IClassFixture<MnistTests.Loaded>
{
    public sealed class Loaded : IDisposable
    {
        public Mnist Mnist { get; } = Mnist.Load(ViT.Samples.SampleData.MnistDirectory);
        public void Dispose() => Mnist.Dispose();
    }

    readonly Mnist _mnist;

    public MnistTests(Loaded loaded) => _mnist = loaded.Mnist;

    [Fact]
    public void Splits_have_the_documented_shapes_and_types()
    {
        Assert.Equal(new long[] { 60_000, 1, 28, 28 }, _mnist.Train.Images.shape);
        Assert.Equal(new long[] { 60_000 }, _mnist.Train.Labels.shape);
        Assert.Equal(new long[] { 10_000, 1, 28, 28 }, _mnist.Test.Images.shape);
        Assert.Equal(Mnist.Shape, _mnist.Train.ImageShape);
        using var batch = _mnist.Train.ReadImages([0, 1]);
        Assert.Equal(ScalarType.Float32, batch.dtype);
        Assert.Equal(ScalarType.Int64, _mnist.Test.Labels.dtype);
    }

    [Fact]
    public void Pixels_are_in_unit_range_and_labels_are_digits()
    {
        using var images = _mnist.Train.ReadImages(Enumerable.Range(0, 1000).Select(i => (long)i).ToArray());
        Assert.Equal(0f, images.min().item<float>());
        Assert.Equal(1f, images.max().item<float>());
        Assert.Equal(0L, _mnist.Test.Labels.min().item<long>());
        Assert.Equal(9L, _mnist.Test.Labels.max().item<long>());
    }

    [Fact]
    public void Known_first_labels_of_each_split()
    {
        // The first training digits of MNIST are 5 0 4 1 9; the first test digits 7 2 1 0 4.
        Assert.Equal(new long[] { 5, 0, 4, 1, 9 }, _mnist.Train.Labels[..5].data<long>().ToArray());
        Assert.Equal(new long[] { 7, 2, 1, 0, 4 }, _mnist.Test.Labels[..5].data<long>().ToArray());
    }

    [Fact]
    public void Training_batches_of_64_cover_every_example_once_per_epoch()
    {
        using var small = _mnist.Train.Take(1000);
        var seen = new List<long>();
        int batches = 0;
        var loader = new BatchLoader(small, 64, shuffle: true, seed: 1);
        foreach (var (images, labels) in loader.Batches(epoch: 0))
        {
            Assert.Equal(batches < 15 ? 64 : 1000 - 15 * 64, (int)images.shape[0]);
            Assert.Equal(images.shape[0], labels.shape[0]);
            seen.AddRange(labels.data<long>().ToArray());
            batches++;
        }
        Assert.Equal(loader.BatchCount, batches);
        Assert.Equal(small.Labels.data<long>().ToArray().Order(), seen.Order());
    }

    [Fact]
    public void Shuffling_is_seeded_per_epoch()
    {
        long[] first = BatchLoader.Permutation(500, seed: 7, epoch: 0);
        Assert.Equal(first, BatchLoader.Permutation(500, seed: 7, epoch: 0));
        Assert.NotEqual(first, BatchLoader.Permutation(500, seed: 7, epoch: 1));
        Assert.NotEqual(first, BatchLoader.Permutation(500, seed: 8, epoch: 0));
        Assert.Equal(Enumerable.Range(0, 500).Select(i => (long)i), first.Order());
    }

    [Fact]
    public void A_missing_folder_is_a_clear_error()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => Mnist.Load("/nonexistent/mnist"));
        Assert.Contains("/nonexistent/mnist", error.Message);
    }
}
