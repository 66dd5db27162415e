using System;
using System.Collections.Generic;
using System.Linq;
using ViT.Generators.Layers.Branches;
using ViT.Generators.Layers.Composition;
using ViT.Generators.Parsing;
using ViT.Generators.Shared;

namespace ViT.Generators.Layers;

/// <summary>
/// The one list of layer kinds: which attribute each reads from. The parser and the analyzers walk it; nothing else
/// names a layer kind. Adding a kind means adding its unit and one line here.
/// </summary>
public static class LayerCatalog
{
    static readonly Dictionary<string, Func<AttributeArguments, IEnumerable<Layer>>> Readers = new()
    {
        [Name<InputAttribute>()] = One(InputLayer.Read),
        [Name<Conv2dAttribute>()] = One(Conv2dLayer.Read),
        [Name<MaxPool2dAttribute>()] = One(MaxPool2dLayer.Read),
        [Name<AvgPool2dAttribute>()] = One(AvgPool2dLayer.Read),
        [Name<AdaptiveAvgPool2dAttribute>()] = One(AdaptiveAvgPool2dLayer.Read),
        [Name<BatchNorm2dAttribute>()] = One(BatchNorm2dLayer.Read),
        [Name<GlobalAveragePoolAttribute>()] = One(GlobalAveragePoolLayer.Read),
        [Name<FlattenAttribute>()] = One(FlattenLayer.Read),
        [Name<LinearAttribute>()] = One(LinearLayer.Read),
        [Name<LayerNormAttribute>()] = One(LayerNormLayer.Read),
        [Name<LayerScaleAttribute>()] = One(LayerScaleLayer.Read),
        [Name<ActivationAttribute>()] = One(ActivationLayer.Read),
        [Name<DropoutAttribute>()] = One(DropoutLayer.Read),
        [Name<PatchifyAttribute>()] = One(PatchifyLayer.Read),
        [Name<ClassTokenAttribute>()] = One(ClassTokenLayer.Read),
        [Name<DistillationTokenAttribute>()] = One(DistillationTokenLayer.Read),
        [Name<RegisterTokensAttribute>()] = One(RegisterTokensLayer.Read),
        [Name<PositionEmbeddingAttribute>()] = One(PositionEmbeddingLayer.Read),
        [Name<EncoderAttribute>()] = One(EncoderLayer.Read),
        [Name<ClassifierHeadAttribute>()] = One(ClassifierHeadLayer.Read),
        [Name<LayerAttribute>()] = One(ComposedLayer.ReadLayer),
        [Name<ResidualAttribute>()] = One(ComposedLayer.ReadResidual),
        [Name<RepeatAttribute>()] = RepeatReader.Read,
        [Name<AddInputAttribute>()] = One(AddInputLayer.Read),
        [Name<MultiplyInputAttribute>()] = One(MultiplyInputLayer.Read),
        [Name<ConcatInputAttribute>()] = One(ConcatInputLayer.Read),
        [Name<VisionTransformerAttribute>()] = VisionTransformerShorthand.Read,
    };

    /// <summary>The arguments that hold a use's values for a block's constants, as C# arguments in a string.</summary>
    static readonly HashSet<string> ArgumentLists = new() { "arguments", nameof(RepeatAttribute.First) };

    /// <summary>The metadata names of every layer attribute, <c>ViT.Conv2dAttribute</c> and so on.</summary>
    public static IReadOnlyCollection<string> AttributeNames => Readers.Keys;

    /// <summary><c>[Input]</c>.</summary>
    public static string Input { get; } = Name<InputAttribute>();

    /// <summary><c>[Block]</c>, which makes a class a block: layers that fit where they are used.</summary>
    public static string Block { get; } = Name<BlockAttribute>();

    /// <summary>The attributes that make a class a model or block: <c>[Input]</c>, the shorthand and <c>[Block]</c>.</summary>
    public static IReadOnlyList<string> ModelMarkers { get; } = new[] { Name<InputAttribute>(), Name<VisionTransformerAttribute>(), Name<BlockAttribute>() };

    /// <summary>The model-level <c>[Initialize]</c>, which is not a layer.</summary>
    public static string Initialize { get; } = Name<InitializeAttribute>();

    /// <summary>The model-level <c>[Precision]</c>, which is not a layer.</summary>
    public static string Precision { get; } = Name<PrecisionAttribute>();

    /// <summary>Whether the attribute of that metadata name declares layers.</summary>
    public static bool IsLayer(string metadataName) => Readers.ContainsKey(metadataName);

    /// <summary>Whether the argument of that name is a use's values for a block's constants (<c>arguments</c>, <c>First</c>).</summary>
    public static bool IsArgumentList(string argument) => ArgumentLists.Contains(argument);

    /// <summary><c>Conv2d</c> for <c>ViT.Conv2dAttribute</c>: how messages name an attribute.</summary>
    public static string ShortName(string metadataName)
    {
        string shortName = metadataName.Substring(metadataName.LastIndexOf('.') + 1);
        return shortName.EndsWith("Attribute", StringComparison.Ordinal) ? shortName.Substring(0, shortName.Length - 9) : shortName;
    }

    /// <summary>The layers an attribute declares (one; six for the shorthand; the uses of a repeat), or null when it is not a layer attribute.</summary>
    public static IEnumerable<Layer>? Read(string metadataName, AttributeArguments arguments) =>
        Readers.TryGetValue(metadataName, out var read) ? read(arguments) : null;

    /// <summary><c>ViT.Conv2dAttribute</c>: the attribute's name in the ViT namespace, where users see it.</summary>
    static string Name<T>() => "ViT." + typeof(T).Name;

    static Func<AttributeArguments, IEnumerable<Layer>> One(Func<AttributeArguments, Layer> read) => a => new[] { read(a) };
}
