using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ViT.Training;

/// <summary>
/// Freezing and unfreezing parts of a model by their state-dict names, as Keras' <c>trainable = False</c> and
/// Lightning's <c>BaseFinetuning</c> do: a frozen parameter keeps <c>requires_grad</c> false, so no gradient reaches it
/// and the trainer's optimizer leaves it out; a batch norm whose parameters are all frozen stays in evaluation mode while
/// the rest trains (its running statistics keep what the body learned, as Keras does). A name is a prefix at a dot:
/// <c>"head"</c>, <c>"blocks"</c>, <c>"blocks.0"</c>, <c>"layer4"</c>, <c>"3"</c> (a position).
/// <code>
/// model.FreezeAllBut("head");    // train a new head on a trained body
/// model.UnfreezeAll();           // then every layer, usually at a lower rate
/// </code>
/// </summary>
public static class Freezing
{
    /// <summary>Freezes the parameters under each of <paramref name="names"/>; a name that matches none is an <see cref="ArgumentException"/> listing the model's names.</summary>
    public static void Freeze(this nn.Module model, params string[] names) => Set(model, names, trainable: false);

    /// <summary>Unfreezes the parameters under each of <paramref name="names"/>.</summary>
    public static void Unfreeze(this nn.Module model, params string[] names) => Set(model, names, trainable: true);

    /// <summary>Freezes every parameter except those under <paramref name="names"/>, which become trainable.</summary>
    public static void FreezeAllBut(this nn.Module model, params string[] names)
    {
        var matched = Matching(model, names);
        foreach (var (name, parameter) in model.named_parameters()) parameter.requires_grad = matched.Contains(name);
    }

    /// <summary>Makes every parameter trainable again.</summary>
    public static void UnfreezeAll(this nn.Module model)
    {
        foreach (var parameter in model.parameters()) parameter.requires_grad = true;
    }

    /// <summary>
    /// <c>model.train(on)</c>, then the batch norms whose parameters are all frozen back in evaluation mode: how the
    /// trainer switches a model to training, so that frozen statistics never move.
    /// </summary>
    public static void Train(nn.Module model, bool on = true)
    {
        model.train(on);
        if (!on) return;
        foreach (var (_, module) in model.named_modules())
        {
            if (module is BatchNorm && module.parameters(recurse: false) is var own && own.Any() && own.All(p => !p.requires_grad)) module.eval();
        }
    }

    static void Set(nn.Module model, string[] names, bool trainable)
    {
        var matched = Matching(model, names);
        foreach (var (name, parameter) in model.named_parameters())
            if (matched.Contains(name)) parameter.requires_grad = trainable;
    }

    /// <summary>The parameter names under <paramref name="names"/>; each name must match at least one.</summary>
    static HashSet<string> Matching(nn.Module model, string[] names)
    {
        if (names.Length == 0) throw new ArgumentException("Name at least one layer, such as \"head\" or \"blocks.0\".", nameof(names));
        var all = model.named_parameters().Select(named => named.name).ToList();
        var matched = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            var under = all.Where(parameter => parameter == name || parameter.StartsWith(name + ".", StringComparison.Ordinal)).ToList();
            if (under.Count == 0)
            {
                var top = all.Select(parameter => parameter.Split('.')[0]).Distinct();
                throw new ArgumentException($"{model.GetName()} has no parameters under \"{name}\"; its layers with parameters are {string.Join(", ", top)} (a name is a state-dict prefix, such as \"head\" or \"blocks.0\").", nameof(names));
            }

            matched.UnionWith(under);
        }

        return matched;
    }
}
