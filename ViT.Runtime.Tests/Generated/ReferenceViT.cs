using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Generated;

/// <summary>
/// An independent ViT forward in plain C# loops and double precision, reading weights by state-dict name. It shares no
/// code with the generator's output: it is written from DESIGN.md's description of the attention kinds, and, for the
/// tutorial's listing, from what its views and transposes do to each element.
/// </summary>
internal sealed class ReferenceViT
{
    private readonly Dictionary<string, double[]> w = new();
    private readonly Dictionary<string, long[]> shapes = new();

    public required int Channels { get; init; }
    public required int Height { get; init; }
    public required int Width { get; init; }
    public required int Patch { get; init; }
    public required int Dim { get; init; }
    public required int Layers { get; init; }
    public required int Heads { get; init; }
    public required AttentionKind Attention { get; init; }
    public required bool Relu { get; init; }
    public required double Eps { get; init; }
    public required bool ClassToken { get; init; }
    public required bool ApplyFinalNorm { get; init; }
    public required bool QkvBias { get; init; }
    public required bool MeanPool { get; init; }

    public ReferenceViT Load(nn.Module module)
    {
        foreach (var (name, tensor) in module.state_dict())
        {
            using var t = tensor.detach().to(float64).contiguous();
            w[name] = t.data<double>().ToArray();
            shapes[name] = t.shape;
        }

        return this;
    }

    /// <summary>One image [C, H, W] (row-major) to logits.</summary>
    public double[] Forward(double[] image)
    {
        int p = Patch, d = Dim, gh = Height / p, gw = Width / p;
        int patches = gh * gw;
        var tokens = new List<double[]>();
        if (ClassToken) tokens.Add((double[])w["cls_token"].Clone());

        // Patch embedding: a Conv2d with kernel = stride = p, tokens in row-major patch order.
        var convW = w["patch_embed.proj.weight"]; // [D, C, p, p]
        var convB = w["patch_embed.proj.bias"];
        for (int gi = 0; gi < gh; gi++)
        {
            for (int gj = 0; gj < gw; gj++)
            {
                var t = new double[d];
                for (int o = 0; o < d; o++)
                {
                    double s = convB[o];
                    for (int c = 0; c < Channels; c++)
                    {
                        for (int a = 0; a < p; a++)
                        {
                            for (int b = 0; b < p; b++)
                            {
                                s += convW[(((o * Channels) + c) * p + a) * p + b] * image[(c * Height + gi * p + a) * Width + gj * p + b];
                            }
                        }
                    }

                    t[o] = s;
                }

                tokens.Add(t);
            }
        }

        int n = tokens.Count;
        var pos = w["pos_embed"];
        for (int i = 0; i < n; i++) for (int k = 0; k < d; k++) tokens[i][k] += pos[i * d + k];

        for (int l = 0; l < Layers; l++)
        {
            string pre = $"blocks.{l}.";
            var normed = tokens.Select(t => LayerNorm(t, pre + "norm1")).ToList();
            var attn = Attention switch
            {
                AttentionKind.Split => SplitAttention(normed, pre + "attn."),
                AttentionKind.Wide => WideAttention(normed, pre + "attn."),
                _ => ListingAttention(normed, pre + "attn."),
            };
            for (int i = 0; i < n; i++) for (int k = 0; k < d; k++) tokens[i][k] += attn[i][k];
            for (int i = 0; i < n; i++)
            {
                var h = Linear(LayerNorm(tokens[i], pre + "norm2"), pre + "mlp.fc1");
                for (int k = 0; k < h.Length; k++) h[k] = Relu ? Math.Max(0, h[k]) : 0.5 * h[k] * (1 + Erf(h[k] / Math.Sqrt(2)));
                var m = Linear(h, pre + "mlp.fc2");
                for (int k = 0; k < d; k++) tokens[i][k] += m[k];
            }
        }

        // timm: with global_pool='avg' the final norm is an identity and fc_norm normalises the average of the patch
        // tokens; with the class token, norm normalises every token and the head takes token 0.
        double[] pooled;
        if (MeanPool)
        {
            int first = ClassToken ? 1 : 0;
            pooled = new double[d];
            for (int i = first; i < n; i++) for (int k = 0; k < d; k++) pooled[k] += tokens[i][k] / (n - first);
            if (ApplyFinalNorm) pooled = LayerNorm(pooled, "fc_norm");
        }
        else
        {
            if (ApplyFinalNorm) tokens = tokens.Select(t => LayerNorm(t, "norm")).ToList();
            pooled = tokens[0];
        }

        _ = patches;
        return Linear(pooled, "head");
    }

    private List<double[]> SplitAttention(List<double[]> x, string pre)
    {
        int n = x.Count, d = Dim, hd = d / Heads;
        var qkv = x.Select(t => Linear(t, pre + "qkv", QkvBias)).ToList(); // [3D]: q | k | v, each head-major
        var outs = x.Select(_ => new double[d]).ToList();
        double scale = 1 / Math.Sqrt(hd);
        for (int h = 0; h < Heads; h++)
        {
            for (int i = 0; i < n; i++)
            {
                var scores = new double[n];
                for (int j = 0; j < n; j++)
                {
                    double s = 0;
                    for (int e = 0; e < hd; e++) s += qkv[i][h * hd + e] * qkv[j][d + h * hd + e];
                    scores[j] = s * scale;
                }

                Softmax(scores);
                for (int e = 0; e < hd; e++)
                {
                    double s = 0;
                    for (int j = 0; j < n; j++) s += scores[j] * qkv[j][2 * d + h * hd + e];
                    outs[i][h * hd + e] = s;
                }
            }
        }

        return outs.Select(o => Linear(o, pre + "proj")).ToList();
    }

    private List<double[]> WideAttention(List<double[]> x, string pre)
    {
        int n = x.Count, d = Dim;
        var q = x.Select(t => Linear(t, pre + "q", QkvBias)).ToList(); // [D*h], head h at h*D
        var k = x.Select(t => Linear(t, pre + "k", QkvBias)).ToList();
        var v = x.Select(t => Linear(t, pre + "v", QkvBias)).ToList();
        var outs = x.Select(_ => new double[d * Heads]).ToList();
        double scale = 1 / Math.Sqrt(d);
        for (int h = 0; h < Heads; h++)
        {
            for (int i = 0; i < n; i++)
            {
                var scores = new double[n];
                for (int j = 0; j < n; j++)
                {
                    double s = 0;
                    for (int e = 0; e < d; e++) s += q[i][h * d + e] * k[j][h * d + e];
                    scores[j] = s * scale;
                }

                Softmax(scores);
                for (int e = 0; e < d; e++)
                {
                    double s = 0;
                    for (int j = 0; j < n; j++) s += scores[j] * v[j][h * d + e];
                    outs[i][h * d + e] = s;
                }
            }
        }

        return outs.Select(o => Linear(o, pre + "proj")).ToList();
    }

    /// <summary>
    /// The tutorial's listing: q, k, v viewed [N, D, h] per image and transposed to [h, D, N], so head h's matrix has
    /// q[t][f * h + h] at row f, column t; scores [h, D, D] over the tokens, scale 1/sqrt(N); the [h, D, N] result is
    /// transposed to [D, h, N] and its elements, read in that order, fill [N, D * h] row by row.
    /// </summary>
    private List<double[]> ListingAttention(List<double[]> x, string pre)
    {
        int n = x.Count, d = Dim, heads = Heads;
        var q = x.Select(t => Linear(t, pre + "q", QkvBias)).ToList();
        var k = x.Select(t => Linear(t, pre + "k", QkvBias)).ToList();
        var v = x.Select(t => Linear(t, pre + "v", QkvBias)).ToList();
        var flat = new double[d * heads * n]; // [D, h, N], row-major
        double scale = 1 / Math.Sqrt(n);
        for (int h = 0; h < heads; h++)
        {
            for (int f = 0; f < d; f++)
            {
                var scores = new double[d];
                for (int g = 0; g < d; g++)
                {
                    double s = 0;
                    for (int t = 0; t < n; t++) s += q[t][f * heads + h] * k[t][g * heads + h];
                    scores[g] = s * scale;
                }

                Softmax(scores);
                for (int t = 0; t < n; t++)
                {
                    double s = 0;
                    for (int g = 0; g < d; g++) s += scores[g] * v[t][g * heads + h];
                    flat[(f * heads + h) * n + t] = s;
                }
            }
        }

        return Enumerable.Range(0, n).Select(t => Linear(flat.AsSpan(t * d * heads, d * heads).ToArray(), pre + "proj")).ToList();
    }

    private double[] Linear(double[] x, string name, bool bias = true)
    {
        var weight = w[name + ".weight"];
        int outputs = (int)shapes[name + ".weight"][0], inputs = (int)shapes[name + ".weight"][1];
        Assert.Equal(inputs, x.Length);
        var y = new double[outputs];
        for (int o = 0; o < outputs; o++)
        {
            double s = bias ? w[name + ".bias"][o] : 0;
            for (int i = 0; i < inputs; i++) s += weight[o * inputs + i] * x[i];
            y[o] = s;
        }

        return y;
    }

    private double[] LayerNorm(double[] x, string name)
    {
        double mean = x.Average();
        double variance = x.Select(v => (v - mean) * (v - mean)).Average();
        var gamma = w[name + ".weight"];
        var beta = w[name + ".bias"];
        return x.Select((v, i) => ((v - mean) / Math.Sqrt(variance + Eps) * gamma[i]) + beta[i]).ToArray();
    }

    private static void Softmax(double[] s)
    {
        double max = s.Max(), sum = 0;
        for (int i = 0; i < s.Length; i++) sum += s[i] = Math.Exp(s[i] - max);
        for (int i = 0; i < s.Length; i++) s[i] /= sum;
    }

    /// <summary>erf by its Maclaurin series for |z| &lt; 4, and the asymptotic series of erfc beyond (error below 1e-11).</summary>
    internal static double Erf(double z)
    {
        double a = Math.Abs(z);
        double result;
        if (a < 4)
        {
            double term = a, sum = a;
            for (int k = 1; k < 200 && Math.Abs(term) > 1e-17 * Math.Abs(sum); k++)
            {
                term *= -a * a / k;
                sum += term / (2 * k + 1);
            }

            result = 2 / Math.Sqrt(Math.PI) * sum;
        }
        else
        {
            double z2 = a * a;
            double series = 1 - (1 / (2 * z2)) + (3 / (4 * z2 * z2)) - (15 / (8 * z2 * z2 * z2));
            result = 1 - (Math.Exp(-z2) / (a * Math.Sqrt(Math.PI)) * series);
        }

        return z < 0 ? -result : result;
    }
}
