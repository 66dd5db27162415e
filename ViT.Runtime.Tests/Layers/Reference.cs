namespace ViT.Runtime.Tests.Layers;

/// <summary>
/// PyTorch's layers written out as loops over doubles, for one sample, sharing nothing with the generator or with
/// TorchSharp's kernels: the independent computation the generated models are checked against.
/// </summary>
internal sealed record Reference(int[] Shape, double[] Data)
{
    public int this[int axis] => Shape[axis];

    double At(int c, int y, int x) => Data[(((c * Shape[1]) + y) * Shape[2]) + x];

    public static Reference Image(int c, int h, int w, double[] data) => new(new[] { c, h, w }, data);

    /// <summary>PyTorch's Conv2d: output size floor((H + 2p - d(k-1) - 1)/s) + 1, groups splitting both channel counts.</summary>
    public Reference Conv2d(Reference weight, Reference? bias, int stride, int padding, int dilation = 1, int groups = 1)
    {
        int c = this[0], h = this[1], w = this[2], o = weight[0], k = weight[2];
        int oh = ((h + (2 * padding) - (dilation * (k - 1)) - 1) / stride) + 1, ow = ((w + (2 * padding) - (dilation * (k - 1)) - 1) / stride) + 1;
        int inPerGroup = c / groups, outPerGroup = o / groups;
        var output = new double[o * oh * ow];
        for (int oc = 0; oc < o; oc++)
        {
            int g = oc / outPerGroup;
            for (int y = 0; y < oh; y++)
            {
                for (int x = 0; x < ow; x++)
                {
                    double sum = bias?.Data[oc] ?? 0;
                    for (int ic = 0; ic < inPerGroup; ic++)
                    {
                        for (int ky = 0; ky < k; ky++)
                        {
                            for (int kx = 0; kx < k; kx++)
                            {
                                int iy = (y * stride) - padding + (ky * dilation), ix = (x * stride) - padding + (kx * dilation);
                                if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                                sum += At((g * inPerGroup) + ic, iy, ix) * weight.Data[(((((oc * inPerGroup) + ic) * k) + ky) * k) + kx];
                            }
                        }
                    }

                    output[(((oc * oh) + y) * ow) + x] = sum;
                }
            }
        }

        return Image(o, oh, ow, output);
    }

    /// <summary>Max pooling; padding never wins (it is minus infinity).</summary>
    public Reference MaxPool(int kernel, int stride, int padding) => Pool(kernel, stride, padding, window => window.Max());

    /// <summary>Average pooling that counts the padding as zeros (PyTorch's count_include_pad=True).</summary>
    public Reference AvgPool(int kernel, int stride, int padding) => Pool(kernel, stride, padding, window => window.Sum() / (kernel * kernel));

    Reference Pool(int kernel, int stride, int padding, Func<List<double>, double> reduce)
    {
        int c = this[0], h = this[1], w = this[2];
        int oh = ((h + (2 * padding) - kernel) / stride) + 1, ow = ((w + (2 * padding) - kernel) / stride) + 1;
        var output = new double[c * oh * ow];
        for (int ch = 0; ch < c; ch++)
        {
            for (int y = 0; y < oh; y++)
            {
                for (int x = 0; x < ow; x++)
                {
                    var window = new List<double>();
                    for (int ky = 0; ky < kernel; ky++)
                    {
                        for (int kx = 0; kx < kernel; kx++)
                        {
                            int iy = (y * stride) - padding + ky, ix = (x * stride) - padding + kx;
                            if (iy >= 0 && iy < h && ix >= 0 && ix < w) window.Add(At(ch, iy, ix));
                        }
                    }

                    output[(((ch * oh) + y) * ow) + x] = reduce(window);
                }
            }
        }

        return Image(c, oh, ow, output);
    }

    /// <summary>Batch normalisation in evaluation: the running statistics, then the learned scale and shift.</summary>
    public Reference BatchNorm(Reference mean, Reference variance, Reference weight, Reference bias, double eps)
    {
        int plane = this[1] * this[2];
        return this with { Data = Data.Select((v, i) => ((v - mean.Data[i / plane]) / Math.Sqrt(variance.Data[i / plane] + eps) * weight.Data[i / plane]) + bias.Data[i / plane]).ToArray() };
    }

    public Reference GlobalAveragePool()
    {
        int plane = this[1] * this[2];
        return new(new[] { this[0] }, Enumerable.Range(0, this[0]).Select(c => Data.Skip(c * plane).Take(plane).Average()).ToArray());
    }

    public Reference Flatten() => new(new[] { Data.Length }, Data);

    /// <summary>y = W x + b on the last axis (per token when there are tokens).</summary>
    public Reference Linear(Reference weight, Reference? bias)
    {
        int inWidth = Shape[^1], outWidth = weight[0], rows = Data.Length / inWidth;
        var output = new double[rows * outWidth];
        for (int r = 0; r < rows; r++)
        {
            for (int o = 0; o < outWidth; o++)
            {
                double sum = bias?.Data[o] ?? 0;
                for (int i = 0; i < inWidth; i++) sum += weight.Data[(o * inWidth) + i] * Data[(r * inWidth) + i];
                output[(r * outWidth) + o] = sum;
            }
        }

        return new(Shape[..^1].Append(outWidth).ToArray(), output);
    }

    /// <summary>Layer normalisation over the last axis (biased variance, as PyTorch).</summary>
    public Reference LayerNorm(Reference weight, Reference bias, double eps)
    {
        int width = Shape[^1];
        var output = new double[Data.Length];
        for (int r = 0; r < Data.Length / width; r++)
        {
            var row = Data.Skip(r * width).Take(width).ToArray();
            double mean = row.Average(), variance = row.Select(v => (v - mean) * (v - mean)).Average();
            for (int i = 0; i < width; i++) output[(r * width) + i] = ((row[i] - mean) / Math.Sqrt(variance + eps) * weight.Data[i]) + bias.Data[i];
        }

        return this with { Data = output };
    }

    public Reference Map(Func<double, double> f) => this with { Data = Data.Select(f).ToArray() };

    public Reference Add(Reference other)
    {
        Assert.Equal(Shape, other.Shape);
        return this with { Data = Data.Zip(other.Data, (a, b) => a + b).ToArray() };
    }

    public static double Gelu(double x) => 0.5 * x * (1 + Generated.ReferenceViT.Erf(x / Math.Sqrt(2)));

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
