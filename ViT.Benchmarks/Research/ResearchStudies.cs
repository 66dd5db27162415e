using TorchSharp;
using ViT.Benchmarks.Cases;
using ViT.Benchmarks.Hand;
using ViT.Benchmarks.Models;
using ViT.Benchmarks.Timing;
using ViT.Benchmarks.Verification;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Research;

/// <summary>
/// RESEARCH BASELINE, not the product. The studies of docs/performance.md by name. Each compares variants against
/// the plain hand-written float32 model (the first row); in bf16 the variants' products run in bfloat16.
/// Run: <c>dotnet run -c Release --project ViT.Benchmarks -- research --study NAME --threads 1 --clock cpu --precision all --steps 50</c>
/// (one thread and its CPU time measure the work even on a busy machine; see docs/performance.md).
/// </summary>
public static class ResearchStudies
{
    sealed record Entry(string Name, Action<BenchPrecision, Settings> Run);

    /// <summary>What every study of one run shares.</summary>
    sealed record Settings(int Steps, TimingClock Clock, TextWriter Output, TextWriter Log);

    static readonly HandViTConfig Tutorial = HandViTConfig.Tutorial;
    static readonly HandViTConfig Timm = HandViTConfig.Timm;
    static readonly long[] Mnist = [1, 28, 28];

    static readonly Entry[] Entries =
    [
        new("listing", (p, s) => Study.Run($"Tutorial listing attention (tutorial model), {Name(p)}", HandModels.Tutorial, Mnist, ListingVariants(p), s.Steps, s.Clock, s.Output, s.Log)),
        new("split", (p, s) => Study.Run($"Split attention (timm configuration), {Name(p)}", HandModels.Timm, Mnist, SplitVariants(p), s.Steps, s.Clock, s.Output, s.Log)),
        new("wide", (p, s) => Study.Run($"Wide attention (tutorial sizes), {Name(p)}", WideReference, Mnist, WideVariants(p), s.Steps, s.Clock, s.Output, s.Log)),
        new("cnn", (p, s) => Study.Run($"LeNet-5 (the CNN baseline), {Name(p)}", HandLeNet.Create, Mnist, CnnVariants(p), s.Steps, s.Clock, s.Output, s.Log)),
        new("attention-core", (p, s) => AttentionCoreStudy.Run(p, s.Steps, s.Clock, s.Output, s.Log)),
        new("optimizer", (p, s) => StepStudies(p, s, "Optimizer step", OptimizerVariants)),
        new("sync", (p, s) => StepStudies(p, s, "Host reads per step", SyncVariants)),
        new("scopes", (p, s) => StepStudies(p, s, "Dispose scopes", ScopeVariants)),
        new("threads", (p, s) => StepStudies(p, s, "Intra-op threads", ThreadVariants)),
        new("onednn", (p, s) => StepStudies(p, s, "float32 products through oneDNN instead of MKL", OneDnnVariants)),
        new("best", (p, s) => StepStudies(p, s, "Everything that helped, together", BestVariants)),
        new("channels-last", (p, s) =>
        {
            if (p == BenchPrecision.Fp32) ChannelsLastStudies(s);
            else s.Log.WriteLine("channels-last: a float32 study, not run in bf16");
        }),
    ];

    /// <summary>Study names.</summary>
    public static IReadOnlyList<string> Names { get; } = Entries.Select(entry => entry.Name).ToArray();

    /// <summary>Runs the named study (or all of them) in each precision.</summary>
    public static void Run(string name, IReadOnlyList<BenchPrecision> precisions, int steps, TimingClock clock, TextWriter output, TextWriter log)
    {
        foreach (var entry in Entries.Where(entry => name == "all" || entry.Name == name))
        {
            foreach (var precision in precisions) entry.Run(precision, new Settings(steps, clock, output, log));
        }
    }

    static string Name(BenchPrecision precision) => precision == BenchPrecision.Bf16 ? "bf16 products" : "fp32";

    static Autocast Cast(BenchPrecision precision) => precision == BenchPrecision.Bf16 ? Autocast.Bf16 : Autocast.Fp32;

    static double Tolerance(BenchPrecision precision) => precision == BenchPrecision.Bf16 ? 0.05 : 1e-5;

    static nn.Module<Tensor, Tensor> WideReference() => new FastViT(Tutorial, new FastViTOptions(AttentionKind.Wide, Autocast.Fp32));

    /// <summary>The plain hand-written model with the reference's weights: every table's first row.</summary>
    static Variant HandBaseline(Func<nn.Module<Tensor, Tensor>> create, string step = "plain step") =>
        new("hand-written fp32 (baseline)", $"what a TorchSharp user writes; {step}", reference =>
        {
            var model = create();
            SameFunction.CopyWeights(reference, model);
            return model;
        }, StepOptions.Plain);

    static Variant Fast(string name, string notes, HandViTConfig config, FastViTOptions options, BenchPrecision precision, StepOptions? step = null, Func<Action, Action>? around = null) =>
        new(name, notes, reference => new FastViT(config, options).LoadFrom(reference), step ?? StepOptions.Plain, Tolerance(precision), around);

    static Variant[] ListingVariants(BenchPrecision p)
    {
        var c = Cast(p);
        var kind = AttentionKind.TutorialListing;
        return
        [
            HandBaseline(HandModels.Tutorial),
            Fast($"research model, plain, {Name(p)}", "three Linears, explicit products (the generated code's formulation)", Tutorial, new(kind, c), p),
            Fast($"fused qkv, {Name(p)}", "one Linear D→3·D·h, chunk(3)", Tutorial, new(kind, c, FuseQkv: true), p),
            Fast($"concatenated qkv, {Name(p)}", "three Linears kept (state-dict names too), one product with their weights concatenated each step", Tutorial, new(kind, c, ConcatQkv: true), p),
            Fast($"sdpa, {Name(p)}", "three Linears, scaled_dot_product_attention on the transposed views", Tutorial, new(kind, c, Sdpa: true), p),
            Fast($"fused qkv + sdpa, {Name(p)}", "", Tutorial, new(kind, c, FuseQkv: true, Sdpa: true), p),
            Fast($"permuted weights, fused, explicit, {Name(p)}", "q, k, v computed as [B, h, D, N] by baddbmm with head-major weight rows: no activation transposes", Tutorial, new(kind, c, FuseQkv: true, PermuteWeights: true), p),
            Fast($"permuted weights, fused, sdpa, {Name(p)}", "", Tutorial, new(kind, c, FuseQkv: true, Sdpa: true, PermuteWeights: true), p),
            .. SoftmaxVariant(p, Tutorial, new(kind, c, FuseQkv: true, SoftmaxInProductType: true)),
        ];
    }

    /// <summary>In bf16 only: explicit attention with the softmax left in bfloat16 (no casts around it).</summary>
    static Variant[] SoftmaxVariant(BenchPrecision p, HandViTConfig config, FastViTOptions options) => p == BenchPrecision.Bf16
        ? [Fast($"softmax in bf16{(options.FuseQkv ? ", fused qkv" : "")}, {Name(p)}", "explicit products; softmax in the products' type, as PyTorch's CPU autocast leaves it", config, options, p)]
        : [];

    static Variant[] SplitVariants(BenchPrecision p)
    {
        var c = Cast(p);
        return
        [
            HandBaseline(HandModels.Timm),
            Fast($"research model, plain, {Name(p)}", "timm's formulation: reshape, permute, explicit products", Timm, new(AttentionKind.Split, c), p),
            Fast($"sdpa, {Name(p)}", "scaled_dot_product_attention on the permuted views", Timm, new(AttentionKind.Split, c, Sdpa: true), p),
            .. SoftmaxVariant(p, Timm, new(AttentionKind.Split, c, SoftmaxInProductType: true)),
        ];
    }

    static Variant[] WideVariants(BenchPrecision p)
    {
        var c = Cast(p);
        var kind = AttentionKind.Wide;
        return
        [
            Fast("research model, plain, fp32 (baseline)", "three Linears, explicit products: what the generated code does for Wide", Tutorial, new(kind, Autocast.Fp32), BenchPrecision.Fp32),
            Fast($"research model, plain, {Name(p)}", "", Tutorial, new(kind, c), p),
            Fast($"fused qkv, {Name(p)}", "one Linear D→3·D·h, chunk(3)", Tutorial, new(kind, c, FuseQkv: true), p),
            Fast($"sdpa, {Name(p)}", "three Linears, scaled_dot_product_attention", Tutorial, new(kind, c, Sdpa: true), p),
            Fast($"fused qkv + sdpa, {Name(p)}", "", Tutorial, new(kind, c, FuseQkv: true, Sdpa: true), p),
        ];
    }

    static Variant[] CnnVariants(BenchPrecision p) =>
    [
        HandBaseline(HandLeNet.Create, "nn.Sequential"),
        new($"research model, {Name(p)}", "convolutions and Linears in the products' type", reference =>
        {
            var model = new FastLeNet(Cast(p));
            SameFunction.CopyWeights(reference, model);
            return model;
        }, StepOptions.Plain, Tolerance(p)),
        new($"research model, flat Adam, {Name(p)}", "", reference =>
        {
            var model = new FastLeNet(Cast(p));
            SameFunction.CopyWeights(reference, model);
            return model;
        }, new StepOptions(FlatOptimizer: true), Tolerance(p)),
    ];

    /// <summary>Runs a study of training-step choices on both sample models.</summary>
    static void StepStudies(BenchPrecision p, Settings s, string title, Func<BenchPrecision, HandViTConfig, AttentionKind, Func<nn.Module<Tensor, Tensor>>, Variant[]> variants)
    {
        Study.Run($"{title}: tutorial model, {Name(p)}", HandModels.Tutorial, Mnist, variants(p, Tutorial, AttentionKind.TutorialListing, HandModels.Tutorial), s.Steps, s.Clock, s.Output, s.Log);
        Study.Run($"{title}: timm configuration, {Name(p)}", HandModels.Timm, Mnist, variants(p, Timm, AttentionKind.Split, HandModels.Timm), s.Steps, s.Clock, s.Output, s.Log);
    }

    static Variant[] OptimizerVariants(BenchPrecision p, HandViTConfig config, AttentionKind kind, Func<nn.Module<Tensor, Tensor>> hand) =>
    [
        HandBaseline(hand, "TorchSharp's Adam over every parameter tensor"),
        Fast($"plain, {Name(p)}", "TorchSharp's Adam over every parameter tensor", config, new(kind, Cast(p)), p),
        Fast($"flat buffer, {Name(p)}", "parameters and gradients views of one buffer each; TorchSharp's Adam over the one flat tensor; zero_grad one fill", config, new(kind, Cast(p)), p, new StepOptions(FlatOptimizer: true)),
    ];

    static Variant[] SyncVariants(BenchPrecision p, HandViTConfig config, AttentionKind kind, Func<nn.Module<Tensor, Tensor>> hand) =>
    [
        HandBaseline(hand, "no host reads"),
        Fast($"no reads, {Name(p)}", "", config, new(kind, Cast(p)), p),
        Fast($"trainer's reads, {Name(p)}", "loss.item() and the correct count's item() every step, as Trainer does", config, new(kind, Cast(p)), p, new StepOptions(Sync: HostSync.EveryStep)),
        Fast($"on-device sums, {Name(p)}", "loss and correct count summed in tensors, read once per 50 steps", config, new(kind, Cast(p)), p, new StepOptions(Sync: HostSync.OnDevice)),
    ];

    static Variant[] ScopeVariants(BenchPrecision p, HandViTConfig config, AttentionKind kind, Func<nn.Module<Tensor, Tensor>> hand) =>
    [
        HandBaseline(hand, "one dispose scope per step"),
        Fast($"scope per step, {Name(p)}", "", config, new(kind, Cast(p)), p),
        Fast($"no scope, {Name(p)}", "tensors left to the garbage collector's finalizers", config, new(kind, Cast(p)), p, new StepOptions(DisposeScope: false)),
    ];

    static Variant[] ThreadVariants(BenchPrecision p, HandViTConfig config, AttentionKind kind, Func<nn.Module<Tensor, Tensor>> hand)
    {
        int threads = torch.get_num_threads();
        Func<Action, Action> With(int count) => action => () =>
        {
            torch.set_num_threads(count);
            try
            {
                action();
            }
            finally
            {
                torch.set_num_threads(threads);
            }
        };
        return
        [
            HandBaseline(hand, $"{threads} threads (the command's --threads)"),
            Fast($"{threads} threads, {Name(p)}", "", config, new(kind, Cast(p)), p),
            Fast($"1 thread, {Name(p)}", "torch.set_num_threads(1)", config, new(kind, Cast(p)), p, around: With(1)),
        ];
    }

    static Variant[] OneDnnVariants(BenchPrecision p, HandViTConfig config, AttentionKind kind, Func<nn.Module<Tensor, Tensor>> hand)
    {
        return
        [
            HandBaseline(hand),
            new("hand-written fp32, products through oneDNN", "the same model; float32 products by oneDNN's AVX-512 kernel instead of MKL's sgemm (OneDnnProducts)", reference =>
            {
                var model = hand();
                SameFunction.CopyWeights(reference, model);
                return model;
            }, StepOptions.Plain, 1e-5, OneDnn),
            Fast($"research model, plain, {Name(p)}", "", config, new(kind, Cast(p)), p),
        ];
    }

    static Variant[] BestVariants(BenchPrecision p, HandViTConfig config, AttentionKind kind, Func<nn.Module<Tensor, Tensor>> hand)
    {
        var best = new FastViTOptions(kind, Cast(p), FuseQkv: kind != AttentionKind.Split);
        var flat = new StepOptions(FlatOptimizer: true);
        if (p == BenchPrecision.Bf16)
        {
            return
            [
                HandBaseline(hand),
                Fast($"plain, {Name(p)}", "autocast by hand alone", config, new(kind, Cast(p)), p),
                Fast($"fused qkv + flat Adam, {Name(p)}", "", config, best, p, flat),
            ];
        }

        return
        [
            HandBaseline(hand),
            Fast("plain, products through oneDNN", "", config, new(kind, Cast(p)), p, around: OneDnn),
            Fast("fused qkv + flat Adam, products through oneDNN", "", config, best, p, flat, OneDnn),
        ];
    }

    /// <summary>
    /// Channels-last memory format for the hand-written torchvision CNNs (float32 only), at the speed table's size:
    /// batch 8 of 3x224x224, 1000 classes.
    /// </summary>
    static void ChannelsLastStudies(Settings s)
    {
        foreach (var (name, create) in new (string, Func<nn.Module<Tensor, Tensor>>)[] { ("ResNet-50", HandModels.ResNet50), ("EfficientNet-B0", HandModels.EfficientNetB0) })
        {
            Variant[] variants =
            [
                HandBaseline(create, "contiguous (NCHW) weights and images"),
                new("hand-written fp32, channels-last", "convolution weights and images stored NHWC (ChannelsLast)", reference =>
                {
                    var model = create();
                    SameFunction.CopyWeights(reference, model);
                    return model;
                }, StepOptions.Plain with { ChannelsLast = true }),
            ];
            Study.Run($"Channels-last memory format: {name}, fp32", create, [3, 224, 224], variants, s.Steps, s.Clock, s.Output, s.Log, classes: 1000, batchSize: 8);
        }
    }

    static Action OneDnn(Action action) => () =>
    {
        using var oneDnn = OneDnnProducts.Enable();
        action();
    };
}
