using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Data;

/// <summary>
/// Refuses, before training, a batch size whose training step cannot fit in memory. The activations a step keeps for
/// the backward pass grow with the batch; they are measured on probe batches of one and two images (every tensor the
/// forward pass leaves in its dispose scope), which gives a per-image cost that is exact for this model. That is a
/// lower bound on what the step needs (the backward pass adds gradients), so a refusal is never wrong.
/// </summary>
public static class BatchMemoryCheck
{
    /// <summary>
    /// Throws <see cref="InsufficientMemoryException"/>, with the numbers and the largest batch that fits, when a step on
    /// <paramref name="batchSize"/> images needs more than <paramref name="availableBytes"/> (default: the memory this
    /// process may use, <see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>). Only measured on the CPU.
    /// </summary>
    public static void Require(nn.Module<Tensor, Tensor> model, ImageShape shape, int batchSize, Device device, long? availableBytes = null)
    {
        if (device.type != DeviceType.CPU) return; // TorchSharp reports no device memory; the CPU's is what we can see
        long available = availableBytes ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var (fixedBytes, perImage) = Measure(model, shape, device);
        long needed = fixedBytes + perImage * (long)batchSize;
        if (needed <= available) return;

        long fits = Math.Max(1, (available - fixedBytes) / perImage);
        throw new InsufficientMemoryException(string.Create(CultureInfo.InvariantCulture,
            $"A training step on batches of {batchSize:N0} images [{shape.Channels}, {shape.Height}, {shape.Width}] needs at least {Gigabytes(needed)} " +
            $"({perImage / 1024.0:N0} KB per image for the activations {model.GetName()} keeps for the backward pass), but {Gigabytes(available)} is available. " +
            $"Use a batch size of at most {fits:N0}."));
    }

    /// <summary>What a step keeps alive whatever the batch, and what each image adds, from probes of one and two images.</summary>
    public static (long Fixed, long PerImage) Measure(nn.Module<Tensor, Tensor> model, ImageShape shape, Device device)
    {
        long one = ForwardBytes(model, shape, 1, device);
        long perImage = Math.Max(1, ForwardBytes(model, shape, 2, device) - one);
        return (Math.Max(0, one - perImage), perImage);
    }

    static long ForwardBytes(nn.Module<Tensor, Tensor> model, ImageShape shape, int images, Device device)
    {
        bool wasTraining = model.training;
        model.eval(); // no dropout draws and no batch-norm updates: the probe leaves the model and the generator as they were
        try
        {
            using var scope = NewDisposeScope();
            using var input = zeros(new long[] { images, shape.Channels, shape.Height, shape.Width }, device: device).DetachFromDisposeScope();
            model.forward(input);
            return DistinctBytes(scope.DisposablesView.OfType<Tensor>().ToList());
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>The memory behind <paramref name="tensors"/>, counting a storage once however many views share it.</summary>
    static long DistinctBytes(IReadOnlyList<Tensor> tensors)
    {
        var storages = new Dictionary<nint, long>();
        long other = 0;
        foreach (var tensor in tensors)
        {
            if (tensor.dtype != ScalarType.Float32)
            {
                other += tensor.numel() * tensor.ElementSize;
                continue;
            }
            using var storage = tensor.storage<float>();
            storages[storage.data_ptr()] = (long)storage.nbytes();
        }
        return other + storages.Values.Sum();
    }

    static string Gigabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):N1} GB");
}
