using TorchSharp;
using ViT.Runtime.Tests.Generated;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Layers;

/// <summary>
/// Every layer kind, as the generator writes it: the compile-time output shape is the one TorchSharp produces, the
/// compile-time parameter count is what TorchSharp builds, and the forward pass equals an independent double-precision
/// computation (<see cref="Reference"/>) from the same weights, read by state-dict name.
/// </summary>
public sealed class LayerTests
{
    const double Tolerance = 1e-10;

    [Fact]
    public void Conv2d_with_stride_padding_and_dilation() => Check<ConvModel>((x, w) => x.Conv2d(w("0.weight"), w("0.bias"), stride: 2, padding: 1, dilation: 2));

    [Fact]
    public void Grouped_conv2d_without_bias() => Check<GroupedConvModel>((x, w) => x.Conv2d(w("0.weight"), null, stride: 1, padding: 0, groups: 2));

    [Fact]
    public void Max_pool_with_padding() => Check<MaxPoolModel>((x, _) => x.MaxPool(3, 2, 1));

    [Fact]
    public void Average_pool_counts_the_padding() => Check<AvgPoolModel>((x, _) => x.AvgPool(3, 2, 1));

    [Fact]
    public void Average_pool_stride_defaults_to_the_kernel() => Check<DefaultStridePoolModel>((x, _) => x.AvgPool(2, 2, 0));

    [Fact]
    public void Batch_norm_global_average_pool_and_a_linear_without_bias() => Check<BatchNormModel>((x, w) =>
        x.BatchNorm(w("0.running_mean"), w("0.running_var"), w("0.weight"), w("0.bias"), 1e-3).GlobalAveragePool().Linear(w("2.weight"), null));

    [Fact]
    public void Dense_layers_and_every_activation() => Check<DenseModel>((x, w) =>
    {
        var y = x.Flatten().LayerNorm(w("1.weight"), w("1.bias"), 1e-4);
        var functions = new Func<double, double>[]
        {
            Reference.Gelu, v => v * Reference.Sigmoid(v), Math.Tanh, Reference.Sigmoid, v => v >= 0 ? v : 0.01 * v,
            v => v >= 0 ? v : Math.Exp(v) - 1, v => Math.Max(0, v),
        };
        for (int i = 0; i < functions.Length; i++) y = y.Linear(w($"{2 + (2 * i)}.weight"), w($"{2 + (2 * i)}.bias")).Map(functions[i]);
        return y.Linear(w("17.weight"), w("17.bias")); // dropout (16) is off in evaluation
    });

    [Fact]
    public void Linear_and_layer_norm_apply_per_token() => Check<TokenModel>((x, w) =>
        x.Linear(w("0.weight"), w("0.bias")).LayerNorm(w("1.weight"), w("1.bias"), 1e-5).Flatten().Linear(w("3.weight"), w("3.bias")));

    [Fact]
    public void Residual_and_composed_blocks() => Check<ResidualModel>((x, w) =>
    {
        Reference Block(Reference input, string at) => input
            .Conv2d(w(at + ".0.weight"), w(at + ".0.bias"), stride: 1, padding: 1)
            .BatchNorm(w(at + ".1.running_mean"), w(at + ".1.running_var"), w(at + ".1.weight"), w(at + ".1.bias"), 1e-5)
            .Map(v => Math.Max(0, v))
            .Conv2d(w(at + ".3.weight"), w(at + ".3.bias"), stride: 1, padding: 0);
        var y = x.Conv2d(w("0.weight"), w("0.bias"), stride: 2, padding: 1);
        y = y.Add(Block(y, "1"));
        y = Block(y, "2");
        return y.GlobalAveragePool().Linear(w("4.weight"), w("4.bias"));
    });

    [Fact]
    public void A_conv_stem_before_a_ViT_with_timms_mean_pooling()
    {
        ReferenceViT? vit = null;
        Check<HybridModel>(
            (x, w) =>
            {
                var stem = x.Conv2d(w("0.weight"), w("0.bias"), stride: 1, padding: 1).Map(v => Math.Max(0, v));
                return new Reference(new[] { 3 }, vit!.Forward(stem.Data));
            },
            model => vit = new ReferenceViT
            {
                Channels = 4, Height = 8, Width = 8, Patch = 2, Dim = 6, Layers = 1, Heads = 2, Attention = AttentionKind.Split, Relu = false,
                Eps = 1e-6, ClassToken = true, ApplyFinalNorm = true, QkvBias = true, MeanPool = true,
            }.Load(model));
    }

    [Fact]
    public void The_runtime_state_dict_names_are_nn_Sequentials_positions()
    {
        using var model = new ResidualModel();
        Assert.Equal(
            new[] { "0.bias", "0.weight", "1.0.bias", "1.0.weight", "1.1.bias", "1.1.num_batches_tracked", "1.1.running_mean", "1.1.running_var", "1.1.weight", "1.3.bias", "1.3.weight", "2.0.bias", "2.0.weight", "2.1.bias", "2.1.num_batches_tracked", "2.1.running_mean", "2.1.running_var", "2.1.weight", "2.3.bias", "2.3.weight", "4.bias", "4.weight" },
            model.state_dict().Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Random weights and running statistics far from any initialisation, evaluation mode, float64: the model's output
    /// for each image of a batch of 3 must equal <paramref name="reference"/> on that image, and the compile-time shape
    /// and parameter count must be what TorchSharp built.
    /// </summary>
    static void Check<TModel>(Func<Reference, Func<string, Reference>, Reference> reference, Action<nn.Module>? prepare = null)
        where TModel : nn.Module<Tensor, Tensor>, IGeneratedModel, new()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        using var model = new TModel();
        var summary = model.Summary;
        Assert.Equal(summary.TotalParameters, model.parameters().Sum(p => p.numel()));
        using (no_grad())
        {
            foreach (var p in model.parameters()) p.normal_(0, 0.5);
            foreach (var (name, buffer) in model.named_buffers().Where(b => b.name.EndsWith("running_mean", StringComparison.Ordinal) || b.name.EndsWith("running_var", StringComparison.Ordinal)))
            {
                if (name.EndsWith("running_mean", StringComparison.Ordinal)) buffer.normal_(0, 0.5);
                else buffer.uniform_(0.5, 2.0);
            }
        }

        model.to(float64);
        model.eval();
        prepare?.Invoke(model);
        var weights = model.state_dict().ToDictionary(kv => kv.Key, kv => new Reference(kv.Value.shape.Select(d => (int)d).ToArray(), kv.Value.to(float64).contiguous().data<double>().ToArray()));
        var input = randn(new long[] { 3 }.Concat(summary.InputShape).ToArray(), dtype: float64);
        using (no_grad())
        {
            var output = model.forward(input);
            Assert.Equal(new long[] { 3 }.Concat(summary.OutputShape), output.shape);
            int perSample = (int)summary.InputShape.Aggregate(1L, (a, b) => a * b);
            int outputs = (int)summary.OutputShape.Aggregate(1L, (a, b) => a * b);
            var pixels = input.data<double>().ToArray();
            var actual = output.data<double>().ToArray();
            for (int b = 0; b < 3; b++)
            {
                var sample = new Reference(summary.InputShape.Select(d => (int)d).ToArray(), pixels.Skip(b * perSample).Take(perSample).ToArray());
                var expected = reference(sample, name => weights[name]);
                Assert.Equal(summary.OutputShape.Select(d => (int)d), expected.Shape);
                double scale = expected.Data.Max(Math.Abs);
                double error = expected.Data.Select((e, i) => Math.Abs(e - actual[(b * outputs) + i])).Max() / scale;
                Assert.True(error < Tolerance, $"{typeof(TModel).Name}: relative error {error:E2} for sample {b}");
            }
        }
    }
}
