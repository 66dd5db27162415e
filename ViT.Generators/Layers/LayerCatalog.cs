using System;
using System.Collections.Generic;
using System.Linq;
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
        [Name<BatchNorm2dAttribute>()] = One(BatchNorm2dLayer.Read),
        [Name<GlobalAveragePoolAttribute>()] = One(GlobalAveragePoolLayer.Read),
        [Name<FlattenAttribute>()] = One(FlattenLayer.Read),
        [Name<LinearAttribute>()] = One(LinearLayer.Read),
        [Name<LayerNormAttribute>()] = One(LayerNormLayer.Read),
        [Name<ActivationAttribute>()] = One(ActivationLayer.Read),
        [Name<DropoutAttribute>()] = One(DropoutLayer.Read),
        [Name<PatchifyAttribute>()] = One(PatchifyLayer.Read),
        [Name<ClassTokenAttribute>()] = One(ClassTokenLayer.Read),
        [Name<PositionEmbeddingAttribute>()] = One(PositionEmbeddingLayer.Read),
        [Name<EncoderAttribute>()] = One(EncoderLayer.Read),
        [Name<ClassifierHeadAttribute>()] = One(ClassifierHeadLayer.Read),
        [Name<LayerAttribute>()] = One(ComposedLayer.ReadLayer),
        [Name<ResidualAttribute>()] = One(ComposedLayer.ReadResidual),
        [Name<VisionTransformerAttribute>()] = VisionTransformerShorthand.Read,
    };

    /// <summary>The metadata names of every layer attribute, <c>ViT.Conv2dAttribute</c> and so on.</summary>
    public static IReadOnlyCollection<string> AttributeNames => Readers.Keys;

    /// <summary>The attributes that make a class a model when they come first: <c>[Input]</c> and the shorthand.</summary>
    public static IReadOnlyList<string> ModelMarkers { get; } = new[] { Name<InputAttribute>(), Name<VisionTransformerAttribute>() };

    /// <summary>The model-level <c>[Initialize]</c>, which is not a layer.</summary>
    public static string Initialize { get; } = Name<InitializeAttribute>();

    /// <summary>The model-level <c>[Precision]</c>, which is not a layer.</summary>
    public static string Precision { get; } = Name<PrecisionAttribute>();

    /// <summary>The layers an attribute declares (one, or six for the shorthand), or null when it is not a layer attribute.</summary>
    public static IEnumerable<Layer>? Read(string metadataName, AttributeArguments arguments) =>
        Readers.TryGetValue(metadataName, out var read) ? read(arguments) : null;

    /// <summary><c>ViT.Conv2dAttribute</c>: the attribute's name in the ViT namespace, where users see it.</summary>
    static string Name<T>() => "ViT." + typeof(T).Name;

    static Func<AttributeArguments, IEnumerable<Layer>> One(Func<AttributeArguments, Layer> read) => a => new[] { read(a) };
}
