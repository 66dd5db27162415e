using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Verification;

/// <summary>
/// Checks that two forms of a model compute the same function before they are timed against each other: the second
/// takes the first's weights by state-dict name (strictly) and both must give the same logits on the batch.
/// </summary>
public static class SameFunction
{
    /// <summary>Copies <paramref name="source"/>'s weights into <paramref name="target"/> and compares their logits.</summary>
    /// <param name="source">The model whose weights are kept.</param>
    /// <param name="target">The model that takes them; it must use the same state-dict names and shapes.</param>
    /// <param name="images">A batch to compare on.</param>
    /// <param name="tolerance">The largest accepted difference, relative to the largest logit.</param>
    /// <exception cref="InvalidOperationException">The two differ.</exception>
    public static void Require(nn.Module<Tensor, Tensor> source, nn.Module<Tensor, Tensor> target, Tensor images, double tolerance = 1e-5)
    {
        using var scope = torch.NewDisposeScope();
        long sourceCount = source.parameters().Sum(p => p.numel()), targetCount = target.parameters().Sum(p => p.numel());
        if (sourceCount != targetCount)
            throw new InvalidOperationException($"{target.GetName()} has {targetCount:N0} parameters, {source.GetName()} {sourceCount:N0}.");
        using (torch.no_grad()) target.load_state_dict(source.state_dict(), strict: true);
        Require(source, target, images, tolerance, source.GetName(), target.GetName());
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
