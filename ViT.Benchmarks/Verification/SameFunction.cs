using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Verification;

/// <summary>
/// Checks that two forms of a model compute the same function before they are timed against each other: the second
/// takes the first's weights and both must give the same logits on the batch.
/// </summary>
public static class SameFunction
{
    /// <summary>Copies <paramref name="source"/>'s weights into <paramref name="target"/> and compares their logits.</summary>
    /// <param name="source">The model whose weights are kept.</param>
    /// <param name="target">The model that takes them (<see cref="CopyWeights"/>).</param>
    /// <param name="images">A batch to compare on.</param>
    /// <param name="tolerance">The largest accepted difference, relative to the largest logit.</param>
    /// <exception cref="InvalidOperationException">The two differ.</exception>
    public static void Require(nn.Module<Tensor, Tensor> source, nn.Module<Tensor, Tensor> target, Tensor images, double tolerance = 1e-5)
    {
        using var scope = torch.NewDisposeScope();
        long sourceCount = source.parameters().Sum(p => p.numel()), targetCount = target.parameters().Sum(p => p.numel());
        if (sourceCount != targetCount)
            throw new InvalidOperationException($"{target.GetName()} has {targetCount:N0} parameters, {source.GetName()} {sourceCount:N0}.");
        CopyWeights(source, target);
        Require(source, target, images, tolerance, source.GetName(), target.GetName());
    }

    /// <summary>
    /// Copies every parameter and buffer of <paramref name="source"/> into <paramref name="target"/>: by state-dict name
    /// where the two use the same names, otherwise by position, which a hand-written model with names of its own
    /// (torchvision's <c>layer1.conv1</c> for the generated Sequential's <c>3.0</c>) meets by declaring its layers in
    /// the same order. Shapes must agree entry by entry; the logits check catches an order that only looks alike.
    /// </summary>
    /// <exception cref="InvalidOperationException">The two hold different numbers or shapes of tensors.</exception>
    public static void CopyWeights(nn.Module source, nn.Module target)
    {
        var sources = source.state_dict();
        var to = target.state_dict().ToArray();
        var from = sources.Keys.Order().SequenceEqual(to.Select(e => e.Key).Order())
            ? to.Select(e => new KeyValuePair<string, Tensor>(e.Key, sources[e.Key])).ToArray()
            : sources.ToArray();
        if (from.Length != to.Length)
            throw new InvalidOperationException($"{target.GetName()} holds {to.Length} tensors, {source.GetName()} {from.Length}.");
        using var noGrad = torch.no_grad();
        for (int i = 0; i < to.Length; i++)
        {
            if (!from[i].Value.shape.SequenceEqual(to[i].Value.shape))
                throw new InvalidOperationException($"{target.GetName()}'s {to[i].Key} is [{string.Join(", ", to[i].Value.shape)}] where {source.GetName()}'s {from[i].Key} is [{string.Join(", ", from[i].Value.shape)}].");
            to[i].Value.copy_(from[i].Value);
        }
    }

    /// <summary>Compares the logits of two models that already hold equivalent weights.</summary>
    /// <exception cref="InvalidOperationException">The two differ.</exception>
    public static void Require(nn.Module<Tensor, Tensor> expected, nn.Module<Tensor, Tensor> actual, Tensor images, double tolerance, string expectedName, string actualName)
    {
        using var scope = torch.NewDisposeScope();
        var want = Logits(expected, images);
        var got = Logits(actual, images);
        double difference = (want - got).abs().max().item<double>();
        double size = Math.Max(1, want.abs().max().item<double>());
        if (!(difference <= tolerance * size))
            throw new InvalidOperationException($"{actualName} does not compute what {expectedName} does: logits differ by up to {difference:G3} (largest logit {size:G3}).");
    }

    /// <summary>The model's logits on <paramref name="images"/> in evaluation mode, as float64 (its mode is restored).</summary>
    public static Tensor Logits(nn.Module<Tensor, Tensor> model, Tensor images)
    {
        using var noGrad = torch.no_grad();
        bool training = model.training;
        model.eval();
        var logits = model.forward(images).to(float64);
        model.train(training);
        return logits;
    }
}
