namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// The design rules (see <see cref="DesignRule"/>), each with why the algebra refuses what torch would run. Every
/// other rejection must be a model that fails to build or run.
/// </summary>
internal static class DesignRules
{
    public static readonly IReadOnlyList<DesignRule> All =
    [
        // Sizes must be positive: a layer of zero channels, features, classes or blocks computes nothing, and torch
        // happily returns an empty tensor (or the input, for no blocks); a negative size fails in torch anyway.
        new("VIT0002", Observation.Degenerate, "a zero size: torch runs empty tensors; the algebra refuses a layer that computes nothing"),

        // timm makes the MLP int(D * mlp_ratio) wide, as the algebra does; a ratio that leaves no hidden feature is a
        // zero width, which torch runs as empty products.
        new("VIT0005", Observation.Degenerate, "an MLP ratio that leaves int(D * ratio) = 0 hidden features: torch runs empty products"),

        // Class-token pooling takes token 0 whatever it is; without a [ClassToken] that is the first patch, which is
        // never what was meant.
        new("VIT0006", Observation.PoolsPatchToken, "torch takes token 0, here a patch; the algebra asks for a [ClassToken] or mean pooling"),

        // A model's declared input [N, D] says nothing of class tokens, so a model used as a layer that pools its
        // token 0 must prepend the class token itself (or pool the mean), whatever the model using it prepended.
        new("VIT0006", Observation.PoolsInputToken, "a model's declared input does not say that token 0 is a class token"),

        // nn.Linear acts on the last axis of any tensor, so on an image it mixes the pixels of each row: the issue's
        // headline mistake, which the algebra refuses with the [Flatten] fix (PerPixel = true asks for the channels).
        new("VIT0007", Observation.DenseOnImage, "torch applies a Linear along an image's width; the algebra asks for [Flatten] or [GlobalAveragePool] first"),

        // A model that is only its [Input] is the identity; the algebra refuses it as not a model.
        new("VIT0007", Observation.OnlyInput, "the identity is not a model"),

        // A second [Input] that matches what arrives is a no-op guard; the algebra declares the input once, first.
        new("VIT0008", Observation.SecondInput, "a model has one input, declared first"),

        // Value ranges, not shapes: torch accepts a dropout rate of 1 (all zeros) and any epsilon or momentum, which
        // the algebra refuses as certain mistakes (nothing passes; division by zero; statistics that never move).
        new("VIT0011", Observation.RateOutOfRange, "torch accepts a dropout of 1 and any epsilon or momentum; the algebra refuses them as mistakes"),

        // torch broadcasts x + block(x) when the block returns, say, [C, 1, 1] for [C, H, W]; a residual block keeps
        // the shape by definition (He et al.), and a broadcast would silently change the model's shape.
        new("VIT0023", Observation.ResidualBroadcast, "torch broadcasts x + block(x); the algebra requires the block to keep the shape"),

        // The same for [AddInput]'s shortcut: torchvision's downsample gives exactly the branch's shape; a shortcut whose
        // output torch broadcasts against it (a [C, 1, 1], a [1]) is a mistake the broadcast would hide.
        new("VIT0033", Observation.ResidualBroadcast, "torch broadcasts x + shortcut(input); the algebra requires the shortcut to give x's shape"),

        // A gate multiplies per channel (squeeze-excitation's [C, 1, 1] or [C]), per feature of every token, or
        // elementwise; torch broadcasts any other shape it can ([1], [1, H, W], [C, H, 1]), which is far more often a
        // mistaken layer than a design, so the algebra names the shapes it takes.
        new("VIT0033", Observation.GateBroadcast, "torch broadcasts any gate it can; the algebra takes [C, 1, 1], [C], [D] over tokens, and the input's shape"),

        // State-dict names: torch's add_module takes any text without a dot; the algebra keeps to letters, digits, _
        // and -, as torchvision's and timm's names are, so that a space or a symbol in a name is caught as a typo.
        new("VIT0032", Observation.UnusualName, "torch takes any name without a dot; the algebra takes letters, digits, _ and -"),

        // DeiT's distillation token sits right after the class token, and the distilled head reads tokens 0 and 1 as
        // those two; torch would concatenate the token anywhere and read whatever tokens 0 and 1 are.
        new("VIT0006", Observation.DistillationTokenAlone, "DeiT's distillation token goes right after a class token; torch would concatenate it anywhere"),
        new("VIT0006", Observation.PoolsOtherThanDistillationToken, "the distilled head reads token 1 as the distillation token; torch reads whatever token 1 is"),
        new("VIT0006", Observation.DistilledMeanPooling, "a distilled head classifies from tokens 0 and 1; mean pooling with it is a contradiction that torch ignores"),
    ];

    /// <summary>
    /// Rejections that are analyzer bugs, not design: listed (with the issue) so that they are counted and reported
    /// apart, never taken for design. Remove an entry when the bug is fixed.
    /// </summary>
    public static readonly IReadOnlyList<DesignRule> KnownFalseRejections =
    [
    ];

    /// <summary>Only echoes the errors of the model used as a layer, which are checked in that model's own class.</summary>
    public const string InnerModelInvalid = "VIT0025";

    /// <summary>
    /// The rules that excuse a rejected group that ran: one per error of each class, or null when some error is not
    /// excused (the analyzer refused a model that torch runs, for no design reason).
    /// </summary>
    public static IReadOnlyList<DesignRule>? Excusing(ModelGroup group, IReadOnlyDictionary<string, AnalyzerVerdict> verdicts, BuildResult result)
    {
        var rules = new List<DesignRule>();
        foreach (var model in group.Reachable())
        {
            foreach (string id in verdicts[model.Name].Errors.Where(id => id != InnerModelInvalid))
            {
                // A violation inside a block is reported at its use: what the builder saw in the classes it uses counts.
                var within = group.ReachableFrom(model).Select(c => c.Name).ToList();
                if (All.Concat(KnownFalseRejections).FirstOrDefault(r => r.Id == id && result.Observed(within, r.Observation)) is not { } rule) return null;
                rules.Add(rule);
            }
        }

        return rules;
    }
}
