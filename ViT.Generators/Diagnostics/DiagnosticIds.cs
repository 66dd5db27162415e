namespace ViT.Generators.Diagnostics;

/// <summary>
/// The IDs of every ViT# diagnostic, shared by shape inference (which produces violations), the analyzers (which turn
/// them into diagnostics at the offending attribute argument, see <c>DiagnosticDescriptors</c>) and the code fixes.
/// </summary>
public static class DiagnosticIds
{
    /// <summary>The model has no <c>[Input]</c>, or it is not the first layer.</summary>
    public const string InputMissingOrNotFirst = "VIT0001";

    /// <summary>A size (channels, height, width, patch, dim, layers, heads, classes) is zero or negative.</summary>
    public const string NonPositiveSize = "VIT0002";

    /// <summary>The patch size does not divide the image height or width.</summary>
    public const string PatchDoesNotDivideImage = "VIT0003";

    /// <summary>Split attention: the heads do not divide the embedding width.</summary>
    public const string HeadsDoNotDivideDim = "VIT0004";

    /// <summary>The MLP ratio leaves no hidden feature (timm truncates D·ratio to a whole width).</summary>
    public const string MlpWidthNotWhole = "VIT0005";

    /// <summary>Class-token pooling without a <c>[ClassToken]</c>.</summary>
    public const string PoolingNeedsClassToken = "VIT0006";

    /// <summary>A layer receives a tensor of a rank it cannot take (<c>[Linear]</c> on an image, <c>[Encoder]</c> before <c>[Patchify]</c>).</summary>
    public const string LayerOutOfOrder = "VIT0007";

    /// <summary>Something that may appear once appears twice (<c>[Input]</c>, or <c>[VisionTransformer]</c> with layer attributes).</summary>
    public const string DuplicateLayer = "VIT0008";

    /// <summary>An attribute's arguments could not be read (missing or of the wrong type).</summary>
    public const string UnreadableAttribute = "VIT0009";

    /// <summary>The model is absurdly large (too many layers or parameters to build).</summary>
    public const string ModelTooLarge = "VIT0010";

    /// <summary>A dropout rate or epsilon lies outside its range.</summary>
    public const string RateOutOfRange = "VIT0011";

    /// <summary>The model class is not <c>partial</c>.</summary>
    public const string ModelNotPartial = "VIT0012";

    /// <summary>The model class is generic, static or file-local, or nested in a type that is generic, file-local or not partial.</summary>
    public const string UnsupportedDeclaration = "VIT0013";

    /// <summary>The model class declares a base class; the generator supplies <c>Module&lt;Tensor, Tensor&gt;</c>.</summary>
    public const string BaseClassDeclared = "VIT0014";

    /// <summary>The model class declares a parameterless or primary constructor (the generator supplies the constructor), or one that does not call <c>this()</c>.</summary>
    public const string ConstructorDeclared = "VIT0015";

    /// <summary>An enum argument holds a value the enum does not define (for example <c>(Pooling)42</c>).</summary>
    public const string UnknownOption = "VIT0016";

    /// <summary>The model has no <c>[PositionEmbedding]</c> (a warning).</summary>
    public const string NoPositionEmbedding = "VIT0017";

    /// <summary>The model's declared input does not match the images of the data it is trained on.</summary>
    public const string DataShapeMismatch = "VIT0018";

    /// <summary>The model is buildable in principle but so large that it is probably a typo (a warning).</summary>
    public const string VeryLargeModel = "VIT0019";

    /// <summary>A convolution's or pooling's window is larger than the padded input (the spatial size would reach zero), or a pool's padding exceeds half its kernel.</summary>
    public const string KernelDoesNotFit = "VIT0020";

    /// <summary>A convolution's groups do not divide its input or output channels.</summary>
    public const string GroupsDoNotDivideChannels = "VIT0021";

    /// <summary>A model used as a layer is declared for another input than the shape it receives.</summary>
    public const string ComposedInputMismatch = "VIT0022";

    /// <summary>A residual block does not give back the shape it receives.</summary>
    public const string ResidualChangesShape = "VIT0023";

    /// <summary>A model contains itself, through <c>[Layer]</c> or <c>[Residual]</c> (or is nested absurdly deep, or uses models absurdly often).</summary>
    public const string CompositionCycle = "VIT0024";

    /// <summary>The type given to <c>[Layer]</c> or <c>[Residual]</c> is not a ViT# model, or has errors of its own.</summary>
    public const string ComposedModelInvalid = "VIT0025";

    /// <summary>The classifier's class count differs from the classes of the data it is trained on.</summary>
    public const string ClassCountMismatch = "VIT0026";

    /// <summary>Two activations in a row (a warning).</summary>
    public const string RepeatedActivation = "VIT0027";

    /// <summary>A pooling window drops the last rows or columns of its input (a warning).</summary>
    public const string PoolDropsRemainder = "VIT0028";

    /// <summary>Training would keep more than 1 GiB of activations per image (a warning).</summary>
    public const string LargeActivations = "VIT0029";

    /// <summary>A member the user declared, or the model class, has the name of one the generator writes; or a global type hides a namespace the generated code names.</summary>
    public const string MemberClash = "VIT0030";

    /// <summary>A use's arguments do not fit the used class's constants, or an argument has no value at a use (a division by zero, a name the generator cannot read).</summary>
    public const string BlockArgumentInvalid = "VIT0031";

    /// <summary>A layer's <c>Name</c> is not a state-dict name, or two layers that hold weights share one.</summary>
    public const string LayerNameInvalid = "VIT0032";

    /// <summary><c>[AddInput]</c>, <c>[MultiplyInput]</c> or <c>[ConcatInput]</c> cannot combine what the layers made with the block's input (or the shortcut's output).</summary>
    public const string BranchShapesDisagree = "VIT0033";

    /// <summary>The generator failed unexpectedly (a bug); reported instead of crashing the compiler.</summary>
    public const string GeneratorFailure = "VIT9999";
}
