using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ViT.Generators.Diagnostics;

/// <summary>
/// Every ViT# diagnostic. The message of a shape diagnostic is the <see cref="Shapes.ShapeViolation"/> text, which
/// already says what is wrong, with the numbers, and the fix; so the format is <c>{0}</c> and the title is the rule.
/// </summary>
public static class DiagnosticDescriptors
{
    /// <summary>Layer algebra: shapes, sizes, order.</summary>
    public const string ShapesCategory = "ViT.Shapes";

    /// <summary>How the model class is declared.</summary>
    public const string UsageCategory = "ViT.Usage";

    /// <summary>Where each ID is explained; the anchor is the lower-case ID.</summary>
    public const string HelpLinkBase = "https://github.com/vit-sharp/vit-sharp/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor InputMissingOrNotFirst = Error(DiagnosticIds.InputMissingOrNotFirst, "[Input] must be the first layer", ShapesCategory);
    public static readonly DiagnosticDescriptor NonPositiveSize = Error(DiagnosticIds.NonPositiveSize, "Sizes must be positive", ShapesCategory);
    public static readonly DiagnosticDescriptor PatchDoesNotDivideImage = Error(DiagnosticIds.PatchDoesNotDivideImage, "Patch size must divide the image height and width", ShapesCategory);
    public static readonly DiagnosticDescriptor HeadsDoNotDivideDim = Error(DiagnosticIds.HeadsDoNotDivideDim, "Split attention heads must divide the embedding width", ShapesCategory);
    public static readonly DiagnosticDescriptor MlpWidthNotWhole = Error(DiagnosticIds.MlpWidthNotWhole, "MLP ratio must give a whole hidden width", ShapesCategory);
    public static readonly DiagnosticDescriptor PoolingNeedsClassToken = Error(DiagnosticIds.PoolingNeedsClassToken, "Class-token pooling needs a [ClassToken]", ShapesCategory);
    public static readonly DiagnosticDescriptor LayerOutOfOrder = Error(DiagnosticIds.LayerOutOfOrder, "Layer receives a tensor of the wrong rank or comes out of order", ShapesCategory);
    public static readonly DiagnosticDescriptor DuplicateLayer = Error(DiagnosticIds.DuplicateLayer, "Layer appears more than once", ShapesCategory);
    public static readonly DiagnosticDescriptor UnreadableAttribute = Error(DiagnosticIds.UnreadableAttribute, "Attribute arguments cannot be read", ShapesCategory);
    public static readonly DiagnosticDescriptor ModelTooLarge = Error(DiagnosticIds.ModelTooLarge, "Model is too large to build", ShapesCategory);
    public static readonly DiagnosticDescriptor RateOutOfRange = Error(DiagnosticIds.RateOutOfRange, "Rate or epsilon out of range", ShapesCategory);
    public static readonly DiagnosticDescriptor ModelNotPartial = Error(DiagnosticIds.ModelNotPartial, "Model class must be partial", UsageCategory);
    public static readonly DiagnosticDescriptor UnsupportedDeclaration = Error(DiagnosticIds.UnsupportedDeclaration, "Model class must be non-generic, non-static, and in a namespace or partial non-generic types", UsageCategory);
    public static readonly DiagnosticDescriptor BaseClassDeclared = Error(DiagnosticIds.BaseClassDeclared, "Model class must not declare a base class", UsageCategory);
    public static readonly DiagnosticDescriptor ConstructorDeclared = Error(DiagnosticIds.ConstructorDeclared, "Model class must not declare a parameterless constructor", UsageCategory);
    public static readonly DiagnosticDescriptor UnknownOption = Error(DiagnosticIds.UnknownOption, "Enum argument is not a defined value", ShapesCategory);

    /// <summary>Runs, but attention then cannot tell patches apart by position: probably a mistake.</summary>
    public static readonly DiagnosticDescriptor NoPositionEmbedding = new(
        DiagnosticIds.NoPositionEmbedding,
        "Model has no [PositionEmbedding]",
        "{0}",
        UsageCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Without a position embedding the encoder sees the patches as an unordered set.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.NoPositionEmbedding.ToLowerInvariant());

    /// <summary>Both shapes are known at compile time (a model's [Input] and a data set with fixed images, like MNIST).</summary>
    public static readonly DiagnosticDescriptor DataShapeMismatch = Error(DiagnosticIds.DataShapeMismatch, "Model input does not match the training data", ShapesCategory);

    /// <summary>More parameters than this (40 GB of float32 weights) draws <see cref="VeryLargeModel"/>.</summary>
    public const long VeryLargeParameters = 10_000_000_000;

    /// <summary>A warning: ShapeInference's hard limit (VIT0010) is far higher.</summary>
    public static readonly DiagnosticDescriptor VeryLargeModel = new(
        DiagnosticIds.VeryLargeModel,
        "Model is very large",
        "{0}",
        ShapesCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A model with more than 10 billion parameters is almost always a typo in a size.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.VeryLargeModel.ToLowerInvariant());

    /// <summary>The descriptors of the shape analyzer, by ID.</summary>
    public static readonly ImmutableDictionary<string, DiagnosticDescriptor> ById = new[]
    {
        InputMissingOrNotFirst, NonPositiveSize, PatchDoesNotDivideImage, HeadsDoNotDivideDim, MlpWidthNotWhole,
        PoolingNeedsClassToken, LayerOutOfOrder, DuplicateLayer, UnreadableAttribute, ModelTooLarge, RateOutOfRange,
        ModelNotPartial, UnsupportedDeclaration, BaseClassDeclared, ConstructorDeclared, UnknownOption, NoPositionEmbedding, VeryLargeModel,
    }.ToImmutableDictionary(d => d.Id);

    static DiagnosticDescriptor Error(string id, string title, string category) => new(
        id,
        title,
        "{0}",
        category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: title + ". The model cannot be generated or run until this is fixed.",
        helpLinkUri: HelpLinkBase + id.ToLowerInvariant());
}
