using TorchSharp;
using ViT.Data;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Data;

/// <summary>Transforms are per-image functions of (seed, epoch, index); the loader's batches do not depend on prefetching or skipping.</summary>
public sealed class TransformAndLoaderTests
{
    /// <summary>Image i is filled with i/100 plus a horizontal ramp, so flips and shifts are visible and every image differs.</summary>
    static ImageDataset Ramps(int count = 40)
    {
        var ramp = arange(8, dtype: ScalarType.Float32).div(100).reshape(1, 1, 1, 8);
        var images = (arange(count, dtype: ScalarType.Float32).div(100).reshape(count, 1, 1, 1) + ramp).expand(count, 2, 8, 8).contiguous();
        return new ImageDataset(images, arange(count, dtype: ScalarType.Int64) % 3);
    }

    static readonly TransformPipeline Augment = new(new RandomCrop(2), new RandomHorizontalFlip());

    static List<(float[] Images, long[] Labels)> Collect(BatchLoader loader, int epoch, int skip = 0) =>
        loader.Batches(epoch, skip).Select(b => (b.Images.data<float>().ToArray(), b.Labels.data<long>().ToArray())).ToList();

    [Fact]
    public void Random_transforms_are_the_same_for_the_same_seed_epoch_and_index_and_differ_otherwise()
    {
        using var data = Ramps();
        long[] indices = [3, 17, 29];
        using var images = data.ReadImages(indices);

        using var a = Augment.Apply(images, new TransformContext(1, 2, indices));
        using var b = Augment.Apply(images, new TransformContext(1, 2, indices));
        using var otherEpoch = Augment.Apply(images, new TransformContext(1, 3, indices));
        using var alone = Augment.Apply(images[1..2], new TransformContext(1, 2, [17]));

        Assert.True(Same(a, b));
        Assert.False(Same(a, otherEpoch));
        Assert.True(Same(a[1..2], alone)); // an image's fate does not depend on its batch
    }

    [Fact]
    public void Flip_mirrors_and_crop_shifts_with_zero_padding()
    {
        using var image = arange(16, dtype: ScalarType.Float32).reshape(1, 1, 4, 4);
        // Find a (seed, index) that the flip takes, then check the pixels by hand.
        int seed = Enumerable.Range(0, 100).First(s => SampleRandom.Uniform(s, 0, 0, 1) < 0.5);
        using var flipped = new RandomHorizontalFlip().Apply(image, new TransformContext(seed, 0, [0]));
        Assert.Equal(new float[] { 3, 2, 1, 0 }, flipped[0, 0, 0].data<float>().ToArray());

        using var cropped = new RandomCrop(1).Apply(image, new TransformContext(seed, 0, [0]));
        int top = (int)(SampleRandom.Uniform(seed, 0, 0, 2) * 3), left = (int)(SampleRandom.Uniform(seed, 0, 0, 3) * 3);
        using var padded = nn.functional.pad(image, new long[] { 1, 1, 1, 1 });
        Assert.True(Same(cropped, padded[.., .., top..(top + 4), left..(left + 4)]));
    }

    [Fact]
    public void Evaluation_keeps_only_the_deterministic_steps()
    {
        var normalize = new Normalize([0.5f], [0.25f]);
        var pipeline = new TransformPipeline(new RandomCrop(4), new ConvertChannels(1), new RandomHorizontalFlip(), normalize);

        Assert.Equal(new IImageTransform[] { pipeline.Steps[1], normalize }, pipeline.ForEvaluation().Steps);
    }

    [Fact]
    public void Normalisation_computed_from_the_data_matches_a_direct_computation()
    {
        using var data = Ramps();
        using var all = data.ReadImages(Enumerable.Range(0, data.Count).Select(i => (long)i).ToArray());

        var normalize = Normalize.ComputeFrom(data);

        Assert.Equal(all.mean().item<float>(), normalize.Mean[0], 5);
        Assert.Equal(all.std(unbiased: false).item<float>(), normalize.Std[0], 5);
        using var normalised = normalize.Apply(all, new TransformContext(0, 0, []));
        Assert.Equal(0f, normalised.mean().item<float>(), 4);
    }

    [Fact]
    public void Rgb_to_gray_uses_the_luma_weights()
    {
        using var rgb = tensor(new float[] { 1f, 0.5f, 0.2f }).reshape(1, 3, 1, 1);

        using var gray = new ConvertChannels(1).Apply(rgb, new TransformContext(0, 0, [0]));

        Assert.Equal(0.299f + 0.587f * 0.5f + 0.114f * 0.2f, gray.item<float>(), 6);
    }

    [Fact]
    public void Prefetched_batches_equal_batches_prepared_in_turn()
    {
        using var data = Ramps();
        var inTurn = new BatchLoader(data, 6, shuffle: true, seed: 5, Augment, prefetch: 0);
        var prefetched = new BatchLoader(data, 6, shuffle: true, seed: 5, Augment, prefetch: 3);

        var a = Collect(inTurn, epoch: 2);
        var b = Collect(prefetched, epoch: 2);

        Assert.Equal(7, a.Count);
        Assert.Equal(a.Select(x => x.Labels), b.Select(x => x.Labels));
        Assert.Equal(a.Select(x => x.Images), b.Select(x => x.Images));
    }

    [Fact]
    public void Skipping_batches_as_a_resumed_epoch_does_gives_the_rest_unchanged()
    {
        using var data = Ramps();
        var loader = new BatchLoader(data, 6, shuffle: true, seed: 5, Augment);

        var all = Collect(loader, epoch: 3);
        var resumed = Collect(loader, epoch: 3, skip: 4);

        Assert.Equal(all.Skip(4).Select(x => x.Images), resumed.Select(x => x.Images));
        Assert.Equal(all.Skip(4).Select(x => x.Labels), resumed.Select(x => x.Labels));
    }

    [Fact]
    public void Stopping_early_stops_the_producer_and_frees_every_batch_it_prepared()
    {
        using var data = Ramps();
        var source = new RecordingSource(data);
        var loader = new BatchLoader(source, 4, shuffle: true, seed: 1, prefetch: 2);

        using (var scope = NewDisposeScope())
        {
            foreach (var (images, _) in loader.Batches(1))
            {
                Assert.Equal(4, images.shape[0]);
                break;
            }
        }

        Assert.InRange(source.Batches.Count, 1, 4); // the one taken, two queued, at most one more being prepared
        Assert.All(source.Batches, images => Assert.True(images.IsInvalid, "a prepared batch was left undisposed"));
    }

    sealed class RecordingSource(IImageSource inner) : IImageSource
    {
        public List<Tensor> Batches { get; } = new();
        public string Description => inner.Description;
        public int Count => inner.Count;
        public ImageShape ImageShape => inner.ImageShape;
        public int ClassCount => inner.ClassCount;
        public Tensor ReadImages(long[] indices)
        {
            var images = inner.ReadImages(indices);
            lock (Batches) Batches.Add(images);
            return images;
        }
        public Tensor ReadLabels(long[] indices) => inner.ReadLabels(indices);
    }

    [Fact]
    public void A_failing_source_surfaces_its_error_through_the_prefetching_loader()
    {
        using var data = Ramps();
        var loader = new BatchLoader(new FailingSource(data), 4, prefetch: 2);

        var error = Assert.Throws<DataFormatException>(() => loader.Batches().ToList());

        Assert.Equal("broken.png", error.FilePath);
    }

    sealed class FailingSource(IImageSource inner) : IImageSource
    {
        public string Description => inner.Description;
        public int Count => inner.Count;
        public ImageShape ImageShape => inner.ImageShape;
        public int ClassCount => inner.ClassCount;
        public Tensor ReadImages(long[] indices) => indices.Contains(9) ? throw new DataFormatException("broken.png", "damaged") : inner.ReadImages(indices);
        public Tensor ReadLabels(long[] indices) => inner.ReadLabels(indices);
    }

    static bool Same(TorchSharp.torch.Tensor a, TorchSharp.torch.Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}
