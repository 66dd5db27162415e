using System.Globalization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ViT.Training;

/// <summary>
/// A model's trainable parameters sorted into optimizer groups by two rules, as timm's <c>param_groups_weight_decay</c>
/// and <c>param_groups_layer_decay</c> do: which parameters get no weight decay (by default timm's: norms, biases and
/// every other parameter of one dimension or less, class and distillation tokens, position embeddings), and a factor on
/// the learning rate per parameter (for example a body that learns ten times slower than its new head when fine-tuning).
/// Frozen parameters (<c>requires_grad</c> false) are left out. There is one group per (factor, decay) pair, in the
/// order the parameters first need them, each without decay first; empty groups are dropped.
/// <code>
/// Optimizer = model => ParameterGroups.Of(model).AdamW(learningRate: 1e-3, weightDecay: 0.05)
/// Optimizer = model => ParameterGroups.Of(model).WithLearningRateScale(name => name.StartsWith("head.") ? 1 : 0.1).AdamW(1e-3, 0.05)
/// </code>
/// </summary>
public sealed class ParameterGroups
{
    /// <summary>The names (the last part of a state-dict name) of the parameters timm exempts from weight decay besides 1-D ones.</summary>
    public static IReadOnlySet<string> TimmNoWeightDecayNames { get; } = new HashSet<string>(["cls_token", "pos_embed", "dist_token", "reg_token"], StringComparer.Ordinal);

    readonly (string Name, Parameter Parameter)[] _parameters;
    readonly Func<string, Parameter, bool> _noWeightDecay;
    readonly Func<string, double> _learningRateScale;

    ParameterGroups((string, Parameter)[] parameters, Func<string, Parameter, bool> noWeightDecay, Func<string, double> learningRateScale) =>
        (_parameters, _noWeightDecay, _learningRateScale) = (parameters, noWeightDecay, learningRateScale);

    /// <summary>The trainable parameters of <paramref name="model"/> with timm's weight-decay rule and one learning rate.</summary>
    public static ParameterGroups Of(nn.Module model) =>
        new(model.named_parameters().Where(named => named.parameter.requires_grad).ToArray(), IsTimmNoWeightDecay, _ => 1.0);

    /// <summary>timm's rule: no decay for a parameter of at most one dimension (norm weights, biases), a <c>.bias</c>, or one named in <see cref="TimmNoWeightDecayNames"/>.</summary>
    public static bool IsTimmNoWeightDecay(string name, Parameter parameter) =>
        parameter.ndim <= 1 || name.EndsWith(".bias", StringComparison.Ordinal) || TimmNoWeightDecayNames.Contains(name[(name.LastIndexOf('.') + 1)..]);

    /// <summary>These groups with another rule for which parameters (by name) get no weight decay.</summary>
    public ParameterGroups WithoutWeightDecayWhere(Func<string, Parameter, bool> rule) => new(_parameters, rule, _learningRateScale);

    /// <summary>These groups with a factor on the learning rate per parameter (by name); 0 is refused: freeze the parameter instead.</summary>
    public ParameterGroups WithLearningRateScale(Func<string, double> scale) => new(_parameters, _noWeightDecay, scale);

    /// <summary>The groups at <paramref name="learningRate"/> (times each group's factor) and <paramref name="weightDecay"/> (0 where the rule says none).</summary>
    public IReadOnlyList<ParameterGroup> Build(double learningRate, double weightDecay)
    {
        if (_parameters.Length == 0) throw new InvalidOperationException("The model has no trainable parameters (all are frozen): nothing to optimize.");
        var keyed = _parameters.Select(named =>
        {
            double scale = _learningRateScale(named.Name);
            if (!(scale > 0) || double.IsInfinity(scale))
                throw new ArgumentOutOfRangeException(nameof(WithLearningRateScale), scale, $"the learning-rate factor of {named.Name} must be above 0; freeze the parameter (requires_grad = false) to leave it alone.");
            return (Scale: scale, Decay: !_noWeightDecay(named.Name, named.Parameter), named.Name, named.Parameter);
        }).ToList();
        var scales = keyed.Select(entry => entry.Scale).Distinct().ToList();
        return scales.SelectMany(scale => new[] { false, true }.Select(decay => (scale, decay)))
            .Select(key => (key, members: keyed.Where(entry => entry.Scale == key.scale && entry.Decay == key.decay).Select(entry => (entry.Name, entry.Parameter)).ToList()))
            .Where(group => group.members.Count > 0)
            .Select(group => new ParameterGroup(GroupName(group.key.scale, group.key.decay, scales.Count), group.members,
                learningRate * group.key.scale, group.key.decay ? weightDecay : 0))
            .ToList();
    }

    /// <summary>PyTorch's AdamW (decoupled weight decay) over <see cref="Build"/>'s groups, with PyTorch's defaults for the rest.</summary>
    public OptimizerHelper AdamW(double learningRate, double weightDecay = 0.05, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8) =>
        optim.AdamW(Build(learningRate, weightDecay).Select(group => new AdamW.ParamGroup(group.Parameters.Select(named => named.Parameter),
            new AdamW.Options { LearningRate = group.LearningRate, weight_decay = group.WeightDecay, beta1 = beta1, beta2 = beta2, eps = eps })),
            learningRate, beta1, beta2, eps, weightDecay);

    static string GroupName(double scale, bool decay, int scales) =>
        (scales == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $"x{scale:R} ")) + (decay ? "decay" : "no_decay");
}
