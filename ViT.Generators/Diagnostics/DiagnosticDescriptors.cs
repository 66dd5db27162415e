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
    public static readonly DiagnosticDescriptor MlpWidthNotWhole = Error(DiagnosticIds.MlpWidthNotWhole, "MLP ratio must give at least one hidden feature", ShapesCategory);
    public static readonly DiagnosticDescriptor PoolingNeedsClassToken = Error(DiagnosticIds.PoolingNeedsClassToken, "Class-token pooling needs a [ClassToken]", ShapesCategory);
    public static readonly DiagnosticDescriptor LayerOutOfOrder = Error(DiagnosticIds.LayerOutOfOrder, "Layer receives a tensor of the wrong rank", ShapesCategory);
    public static readonly DiagnosticDescriptor DuplicateLayer = Error(DiagnosticIds.DuplicateLayer, "[Input] or [VisionTransformer] appears more than once", ShapesCategory);
    public static readonly DiagnosticDescriptor UnreadableAttribute = Error(DiagnosticIds.UnreadableAttribute, "Attribute arguments cannot be read", ShapesCategory);
    public static readonly DiagnosticDescriptor ModelTooLarge = Error(DiagnosticIds.ModelTooLarge, "Model is too large to build", ShapesCategory);
    public static readonly DiagnosticDescriptor RateOutOfRange = Error(DiagnosticIds.RateOutOfRange, "Rate or epsilon out of range", ShapesCategory);
    public static readonly DiagnosticDescriptor ModelNotPartial = Error(DiagnosticIds.ModelNotPartial, "Model class must be partial", UsageCategory);
    public static readonly DiagnosticDescriptor UnsupportedDeclaration = Error(DiagnosticIds.UnsupportedDeclaration, "Model class must be non-generic, non-static, and in a namespace or partial non-generic types", UsageCategory);
    public static readonly DiagnosticDescriptor BaseClassDeclared = Error(DiagnosticIds.BaseClassDeclared, "Model class must not declare a base class", UsageCategory);
    public static readonly DiagnosticDescriptor ConstructorDeclared = Error(DiagnosticIds.ConstructorDeclared, "Model class constructors must go through the generated one", UsageCategory);
    public static readonly DiagnosticDescriptor UnknownOption = Error(DiagnosticIds.UnknownOption, "Enum argument is not a defined value", ShapesCategory);

    public static readonly DiagnosticDescriptor KernelDoesNotFit = Error(DiagnosticIds.KernelDoesNotFit, "Window does not fit the input", ShapesCategory);
    public static readonly DiagnosticDescriptor GroupsDoNotDivideChannels = Error(DiagnosticIds.GroupsDoNotDivideChannels, "Groups must divide the channels", ShapesCategory);
    public static readonly DiagnosticDescriptor ComposedInputMismatch = Error(DiagnosticIds.ComposedInputMismatch, "Composed model's input differs from the incoming shape", ShapesCategory);
    public static readonly DiagnosticDescriptor ResidualChangesShape = Error(DiagnosticIds.ResidualChangesShape, "Residual block must keep the shape", ShapesCategory);
    public static readonly DiagnosticDescriptor CompositionCycle = Error(DiagnosticIds.CompositionCycle, "Model contains itself", UsageCategory);
    public static readonly DiagnosticDescriptor ComposedModelInvalid = Error(DiagnosticIds.ComposedModelInvalid, "Composed type is not a valid ViT# model", UsageCategory);
    public static readonly DiagnosticDescriptor MemberClash = Error(DiagnosticIds.MemberClash, "Member clashes with a generated member", UsageCategory);
    public static readonly DiagnosticDescriptor BlockArgumentInvalid = Error(DiagnosticIds.BlockArgumentInvalid, "A use's values do not fit the block's constants", UsageCategory);
    public static readonly DiagnosticDescriptor LayerNameInvalid = Error(DiagnosticIds.LayerNameInvalid, "Layer name is not a state-dict name, or is taken", UsageCategory);
    public static readonly DiagnosticDescriptor BranchShapesDisagree = Error(DiagnosticIds.BranchShapesDisagree, "A block's branches give shapes that cannot be combined", ShapesCategory);

    /// <summary>Runs, but attention then cannot tell patches apart by position: probably a mistake.</summary>
    public static readonly DiagnosticDescriptor NoPositionEmbedding = Warning(DiagnosticIds.NoPositionEmbedding, "Model has no [PositionEmbedding]", UsageCategory,
        "Without a position embedding the encoder sees the patches as an unordered set.");

    public static readonly DiagnosticDescriptor RepeatedActivation = Warning(DiagnosticIds.RepeatedActivation, "Two activations in a row", ShapesCategory,
        "An activation right after another is almost always left over from an edit.");

    public static readonly DiagnosticDescriptor PoolDropsRemainder = Warning(DiagnosticIds.PoolDropsRemainder, "Pooling drops a remainder", ShapesCategory,
        "A pooling window whose stride does not divide the input silently ignores the last rows or columns.");

    public static readonly DiagnosticDescriptor LargeActivations = Warning(DiagnosticIds.LargeActivations, "Training needs very much activation memory", ShapesCategory,
        "More than 1 GiB of activations per image: a batch of 64 would not fit in most machines.");

    /// <summary>Both shapes are known at compile time (a model's [Input] and a data set with fixed images, like MNIST).</summary>
    public static readonly DiagnosticDescriptor DataShapeMismatch = Error(DiagnosticIds.DataShapeMismatch, "Model input does not match the training data", ShapesCategory);

    /// <summary>The data's declared class count and the model's output width are both known at compile time.</summary>
    public static readonly DiagnosticDescriptor ClassCountMismatch = Error(DiagnosticIds.ClassCountMismatch, "Model's classes do not match the training data's", ShapesCategory);

    /// <summary>A warning: ShapeInference's hard limit (VIT0010) is far higher.</summary>
    public static readonly DiagnosticDescriptor VeryLargeModel = Warning(DiagnosticIds.VeryLargeModel, "Model is very large", ShapesCategory,
        "A model with more than 10 billion parameters is almost always a typo in a size.");

    /// <summary>The descriptors of the shape analyzer, by ID.</summary>
    public static readonly ImmutableDictionary<string, DiagnosticDescriptor> ById = new[]
    {
        InputMissingOrNotFirst, NonPositiveSize, PatchDoesNotDivideImage, HeadsDoNotDivideDim, MlpWidthNotWhole,
        PoolingNeedsClassToken, LayerOutOfOrder, DuplicateLayer, UnreadableAttribute, ModelTooLarge, RateOutOfRange,
        ModelNotPartial, UnsupportedDeclaration, BaseClassDeclared, ConstructorDeclared, UnknownOption, NoPositionEmbedding, VeryLargeModel,
        KernelDoesNotFit, GroupsDoNotDivideChannels, ComposedInputMismatch, ResidualChangesShape, CompositionCycle, ComposedModelInvalid,
        RepeatedActivation, PoolDropsRemainder, LargeActivations, MemberClash, BlockArgumentInvalid, LayerNameInvalid, BranchShapesDisagree,
    }.ToImmutableDictionary(d => d.Id);

    static DiagnosticDescriptor Warning(string id, string title, string category, string description) => new(
        id,
        title,
        "{0}",
        category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: description,
        helpLinkUri: HelpLinkBase + id.ToLowerInvariant());

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
