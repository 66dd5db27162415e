using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Data;

/// <summary>
/// Batches from an <see cref="IImageSource"/>: in order or shuffled by (seed, epoch), transformed, and prepared on a
/// background thread while the caller trains on the previous batch, with at most <see cref="Prefetch"/> batches
/// waiting. Which images a batch holds, and what the transforms make of them, depend only on (seed, epoch, index),
/// so prefetching or skipping the batches a checkpoint already trained on changes nothing.
/// </summary>
public sealed class BatchLoader
{
    /// <summary>Creates a loader over <paramref name="source"/>.</summary>
    /// <param name="source">The images and labels.</param>
    /// <param name="batchSize">Images per batch; the last batch may be smaller.</param>
    /// <param name="shuffle">Visit the examples in a permutation seeded by (seed, epoch) instead of in order.</param>
    /// <param name="seed">Seeds the permutation and the random transforms.</param>
    /// <param name="transform">Applied to every batch; null for none.</param>
    /// <param name="prefetch">Batches prepared ahead on a background thread; 0 prepares each batch when it is asked for.</param>
    public BatchLoader(IImageSource source, int batchSize, bool shuffle = false, int seed = 0, IImageTransform? transform = null, int prefetch = 2)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch size must be at least 1.");
        if (prefetch < 0) throw new ArgumentOutOfRangeException(nameof(prefetch), prefetch, "prefetch must not be negative.");
        Source = source;
        BatchSize = batchSize;
        Shuffle = shuffle;
        Seed = seed;
        Transform = transform;
        Prefetch = prefetch;
    }

    /// <summary>The images and labels.</summary>
    public IImageSource Source { get; }

    /// <summary>Images per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch visits the examples in a seeded permutation.</summary>
    public bool Shuffle { get; }

    /// <summary>Seeds the permutation and the random transforms.</summary>
    public int Seed { get; }

    /// <summary>Applied to every batch, or null.</summary>
    public IImageTransform? Transform { get; }

    /// <summary>Batches prepared ahead on a background thread; 0 for none.</summary>
    public int Prefetch { get; }

    /// <summary>The number of batches in an epoch (the last may be smaller).</summary>
    public int BatchCount => (Source.Count + BatchSize - 1) / BatchSize;

    /// <summary>The shape of the images the batches hold: the source's after the transforms.</summary>
    public ImageShape ImageShape => Transform?.OutputShape(Source.ImageShape) ?? Source.ImageShape;

    /// <summary>
    /// The batches of <paramref name="epoch"/> from batch <paramref name="skip"/> on, as float32 images <c>[B, C, H, W]</c>
    /// and int64 labels <c>[B]</c> on the CPU. Each batch joins the dispose scope that is current when it is taken.
    /// </summary>
    public IEnumerable<(Tensor Images, Tensor Labels)> Batches(int epoch = 0, int skip = 0)
    {
        long[] order = Shuffle ? Permutation(Source.Count, Seed, epoch) : Identity(Source.Count);
        return Prefetch == 0 ? InTurn(order, epoch, skip) : Prefetched(order, epoch, skip);
    }

    IEnumerable<(Tensor Images, Tensor Labels)> InTurn(long[] order, int epoch, int skip)
    {
        for (int batch = skip; batch < BatchCount; batch++)
        {
            var (images, labels) = Prepare(order, batch, epoch);
            // Prepared outside any scope: join the caller's, as a batch made on the background thread does.
            yield return (images.MoveToOtherDisposeScope(torch.CurrentDisposeScope), labels.MoveToOtherDisposeScope(torch.CurrentDisposeScope));
        }
    }

    IEnumerable<(Tensor Images, Tensor Labels)> Prefetched(long[] order, int epoch, int skip)
    {
        var queue = Channel.CreateBounded<(Tensor Images, Tensor Labels)>(new BoundedChannelOptions(Prefetch) { SingleReader = true, SingleWriter = true });
        using var stop = new CancellationTokenSource();
        ExceptionDispatchInfo? failure = null;
        var producer = Task.Factory.StartNew(() =>
        {
            try
            {
                for (int batch = skip; batch < BatchCount && !stop.IsCancellationRequested; batch++)
                {
                    var prepared = Prepare(order, batch, epoch);
                    if (!queue.Writer.TryWrite(prepared) && !WriteWhenRoom(queue.Writer, prepared, stop.Token)) Dispose(prepared);
                }
            }
            catch (Exception error)
            {
                failure = ExceptionDispatchInfo.Capture(error);
            }
            finally
            {
                queue.Writer.Complete();
            }
        }, TaskCreationOptions.LongRunning);

        try
        {
            while (queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (queue.Reader.TryRead(out var batch))
                {
                    yield return (batch.Images.MoveToOtherDisposeScope(torch.CurrentDisposeScope), batch.Labels.MoveToOtherDisposeScope(torch.CurrentDisposeScope));
                }
            }
            failure?.Throw();
        }
        finally
        {
            // The caller stopped early (or failed): stop the producer and free what it had prepared.
            stop.Cancel();
            producer.Wait();
            while (queue.Reader.TryRead(out var left)) Dispose(left);
        }
    }

    static bool WriteWhenRoom(ChannelWriter<(Tensor, Tensor)> writer, (Tensor, Tensor) batch, CancellationToken stop)
    {
        try
        {
            writer.WriteAsync(batch, stop).AsTask().GetAwaiter().GetResult();
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Reads and transforms batch <paramref name="batch"/>; the tensors belong to no dispose scope.</summary>
    (Tensor Images, Tensor Labels) Prepare(long[] order, int batch, int epoch)
    {
        using var scope = NewDisposeScope();
        int start = batch * BatchSize;
        long[] indices = order.AsSpan(start, Math.Min(BatchSize, order.Length - start)).ToArray();
        var (images, labels) = SourceContract.Read(Source, indices);
        if (Transform is not null) images = Transform.Apply(images, new TransformContext(Seed, epoch, indices));
        return (images.DetachFromDisposeScope(), labels.DetachFromDisposeScope());
    }

    static void Dispose((Tensor Images, Tensor Labels) batch)
    {
        batch.Images.Dispose();
        batch.Labels.Dispose();
    }

    static long[] Identity(int count)
    {
        var order = new long[count];
        for (int i = 0; i < count; i++) order[i] = i;
        return order;
    }

    /// <summary>A Fisher-Yates permutation of 0..count-1 seeded by (seed, epoch).</summary>
    public static long[] Permutation(int count, int seed, int epoch)
    {
        var random = new Random(unchecked(seed * 1_000_003 + epoch));
        long[] order = Identity(count);
        for (int i = count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
