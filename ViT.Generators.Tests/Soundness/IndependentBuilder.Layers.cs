using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace ViT.Generators.Tests.Soundness;

/// <summary>The convolutional and dense layers, as PyTorch's <c>nn</c> modules compute them and name their state.</summary>
internal sealed partial class IndependentBuilder
{
    Tensor Conv2d(Frame frame, Layer layer, string? name, Tensor x)
    {
        int channels = Int(layer, 0, "channels"), kernel = Int(layer, 1, "kernel"), stride = Int(layer, 2, "stride", 1), padding = Int(layer, 3, "padding", 0);
        int groups = Int(layer, -1, "Groups", 1), dilation = Int(layer, -1, "Dilation", 1);
        if (kernel == 0) throw new BuildFailure(FailureKind.Unbuildable, "a 0x0 convolution kernel: libtorch's oneDNN convolution aborts the process on it");
        Budget((double)Batch * Math.Abs(channels) * Padded(x, 2, padding) * Padded(x, 3, padding), $"the output of {layer}");
        string child = Child(frame, Positional(frame, name));
        var weight = Weight(frame, child + ".weight", channels, groups > 0 ? x.shape[1] / groups : x.shape[1], kernel, kernel); // PyTorch's [out, in/groups, k, k]
        var bias = Flag(layer, "Bias", true) ? Weight(frame, child + ".bias", channels) : null;
        return conv2d(x, weight, bias, [stride, stride], [padding, padding], [dilation, dilation], groups);
    }

    /// <summary><c>nn.MaxPool2d</c> and <c>nn.AvgPool2d</c>: stride defaults to the kernel; padding counts as zeros in the average.</summary>
    static Tensor Pool(Layer layer, Tensor x, bool max)
    {
        int kernel = Int(layer, 0, "kernel"), stride = Int(layer, 1, "stride", kernel), padding = Int(layer, -1, "Padding", 0);
        Budget((double)Batch * x.shape[1] * Padded(x, 2, padding) * Padded(x, 3, padding), $"the output of {layer}");
        return max ? max_pool2d(x, [kernel, kernel], [stride, stride], [padding, padding]) : avg_pool2d(x, [kernel, kernel], [stride, stride], [padding, padding]);
    }

    /// <summary><c>nn.AdaptiveAvgPool2d(size)</c> or <c>((height, width))</c>: any output size, smaller or larger than the input.</summary>
    Tensor AdaptiveAvgPool2d(Frame frame, Layer layer, Tensor x)
    {
        constructs.Add(Construct.AdaptiveAvgPool2d);
        bool square = layer.Arguments.Count(a => a.Name is null) == 1 || layer.Find(-1, "size") is not null;
        int height = square ? Int(layer, 0, "size") : Int(layer, 0, "height"), width = square ? height : Int(layer, 1, "width");
        Budget((double)Batch * x.shape[1] * Math.Abs(height) * Math.Abs(width), $"the output of {layer}");
        if (height == 0 || width == 0) Observe(frame.Class, Observation.Degenerate);
        return adaptive_avg_pool2d(x, [height, width]);
    }

    /// <summary><c>nn.BatchNorm2d</c> while training: batch statistics, running statistics updated with the momentum.</summary>
    Tensor BatchNorm2d(Frame frame, Layer layer, string? name, Tensor x)
    {
        double epsilon = Real(layer, -1, "Epsilon", 1e-5), momentum = Real(layer, -1, "Momentum", 0.1);
        if (!(epsilon > 0 && epsilon <= 1) || !(momentum >= 0 && momentum <= 1)) Observe(frame.Class, Observation.RateOutOfRange);
        long c = x.shape[1];
        string child = Child(frame, Positional(frame, name));
        var (weight, bias) = (Weight(frame, child + ".weight", c), Weight(frame, child + ".bias", c));
        stateKeys.AddRange([child + ".running_mean", child + ".running_var", child + ".num_batches_tracked"]);
        return batch_norm(x, zeros(c), ones(c), weight, bias, training: true, momentum: momentum, eps: epsilon);
    }

    /// <summary>
    /// <c>nn.Linear</c> on the last axis, as PyTorch applies it to any <c>(*, in)</c>; with <c>PerPixel</c> on an image,
    /// over the channels of every pixel (ConvNeXt's <c>permute</c>, <c>Linear</c>, <c>permute</c> back).
    /// </summary>
    Tensor Linear(Frame frame, Layer layer, string? name, Tensor x)
    {
        int features = Int(layer, 0, "features");
        bool perPixel = Flag(layer, "PerPixel", false);
        if (perPixel) constructs.Add(Construct.PerPixelLinear);
        if (x.dim() == 4 && perPixel) return Linear(frame, layer, name, x.permute(0, 2, 3, 1), features).permute(0, 3, 1, 2);
        if (x.dim() == 4) Observe(frame.Class, Observation.DenseOnImage);
        return Linear(frame, layer, name, x, features);
    }

    Tensor Linear(Frame frame, Layer layer, string? name, Tensor x, int features)
    {
        Budget((double)x.numel() / Math.Max(x.shape[^1], 1) * Math.Abs(features), $"the output of {layer}");
        string child = Child(frame, Positional(frame, name));
        return linear(x, Weight(frame, child + ".weight", features, x.shape[^1]), Flag(layer, "Bias", true) ? Weight(frame, child + ".bias", features) : null);
    }

    /// <summary><c>nn.LayerNorm</c> over the last axis; on an image over the channels of each pixel (torchvision's <c>LayerNorm2d</c>).</summary>
    Tensor LayerNorm(Frame frame, Layer layer, string? name, Tensor x)
    {
        double epsilon = Real(layer, -1, "Epsilon", 1e-5);
        if (!(epsilon > 0 && epsilon <= 1)) Observe(frame.Class, Observation.RateOutOfRange);
        if (x.dim() == 4) constructs.Add(Construct.LayerNormOnImage);
        string child = Child(frame, Positional(frame, name));
        return x.dim() == 4 ? Norm(frame, child, x.permute(0, 2, 3, 1), epsilon).permute(0, 3, 1, 2) : Norm(frame, child, x, epsilon);
    }

    Tensor Norm(Frame frame, string child, Tensor x, double epsilon) =>
        layer_norm(x, [x.shape[^1]], Weight(frame, child + ".weight", x.shape[^1]), Weight(frame, child + ".bias", x.shape[^1]), epsilon);

    /// <summary>
    /// A learned scale per channel (torchvision's ConvNeXt <c>layer_scale</c>, <c>[C, 1, 1]</c>) or per feature (timm's
    /// <c>gamma</c>, <c>[D]</c>), one tensor saved under the layer's own name.
    /// </summary>
    Tensor LayerScale(Frame frame, Layer layer, string? name, Tensor x)
    {
        constructs.Add(Construct.LayerScale);
        double init = Real(layer, 0, "init", 1e-6);
        if (!double.IsFinite(init)) Observe(frame.Class, Observation.RateOutOfRange);
        string key = Child(frame, Positional(frame, name));
        Weight(frame, key, x.dim() == 4 ? [x.shape[1], 1, 1] : [x.shape[^1]]);
        return x * full(x.dim() == 4 ? [x.shape[1], 1, 1] : [x.shape[^1]], init);
    }

    /// <summary>PyTorch's defaults: exact GELU, negative slope 0.01, alpha 1; ReLU6 clamps to [0, 6]; the hard forms are MobileNetV3's.</summary>
    Tensor Activate(ViT.Activation function, Tensor x)
    {
        if (function >= ViT.Activation.ReLU6) constructs.Add(Construct.NewActivation);
        return function switch
        {
            ViT.Activation.GELU => gelu(x),
            ViT.Activation.ReLU => relu(x),
            ViT.Activation.SiLU => silu(x),
            ViT.Activation.Tanh => x.tanh(),
            ViT.Activation.Sigmoid => x.sigmoid(),
            ViT.Activation.LeakyReLU => leaky_relu(x, 0.01),
            ViT.Activation.ELU => elu(x, 1.0),
            ViT.Activation.ReLU6 => x.clamp(0, 6),
            ViT.Activation.Hardswish => x * (x + 3).clamp(0, 6) / 6,
            ViT.Activation.Hardsigmoid => (x + 3).clamp(0, 6) / 6,
            ViT.Activation.GELUTanh => 0.5 * x * (1 + (Math.Sqrt(2 / Math.PI) * (x + (0.044715 * x.pow(3)))).tanh()),
            _ => throw new BuildFailure(FailureKind.Unbuildable, $"(Activation){(int)function} is no activation function"),
        };
    }

    /// <summary><c>nn.Dropout</c> while training; torch itself refuses a rate outside [0, 1].</summary>
    Tensor Dropout(Frame frame, double rate, Tensor x)
    {
        if (rate == 1) Observe(frame.Class, Observation.RateOutOfRange);
        return dropout(x, rate, training: true);
    }

    /// <summary>
    /// timm's <c>drop_path</c> while training: each sample kept with probability 1 − rate (a Bernoulli draw, which
    /// refuses a probability outside [0, 1]) and scaled by 1/keep; a rate of 1 keeps nothing and is noted.
    /// </summary>
    Tensor DropPath(Frame frame, double rate, Tensor x)
    {
        if (rate == 0) return x;
        constructs.Add(Construct.DropPath);
        if (rate == 1) Observe(frame.Class, Observation.RateOutOfRange);
        double keep = 1 - rate;
        var mask = bernoulli(full([x.shape[0], .. Enumerable.Repeat(1L, (int)x.dim() - 1)], keep));
        return keep > 0 ? x * mask / keep : x * mask;
    }

    static double Padded(Tensor x, int axis, int padding) => x.shape[axis] + (2.0 * Math.Abs(padding));
}
