namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// The constructs of the layer algebra that the builder saw a model reach as it ran (those that depend on the shapes
/// that arrive: which gate, whether a shortcut was taken), for the report's counts per construct. Constructs that the
/// source alone shows are counted from the source (<see cref="Constructs"/>).
/// </summary>
internal static class Construct
{
    public const string When = "When";
    public const string Name = "Name";
    public const string BlockAtShapes = "a block at uses of different shapes";
    public const string BlockValues = "a block given values at a use";
    public const string Inline = "Inline";
    public const string RepeatGroup = "Repeat with Name";
    public const string RepeatPositions = "Repeat without Name";
    public const string RepeatFirst = "Repeat First";
    public const string AddInputIdentity = "AddInput (identity)";
    public const string AddInputShortcut = "AddInput (shortcut taken)";
    public const string AddInputShortcutMismatch = "AddInput (shortcut of another shape)";
    public const string AddInputMissingShortcut = "AddInput (shapes differ, no shortcut)";
    public const string GateChannels = "MultiplyInput [C, 1, 1]";
    public const string GateVector = "MultiplyInput [C]";
    public const string GateTokens = "MultiplyInput [D] over tokens";
    public const string GateSame = "MultiplyInput (input's shape)";
    public const string GateOther = "MultiplyInput (other gate)";
    public const string Concat = "ConcatInput";
    public const string AdaptiveAvgPool2d = "AdaptiveAvgPool2d";
    public const string LayerScale = "LayerScale";
    public const string DistillationToken = "DistillationToken";
    public const string RegisterTokens = "RegisterTokens";
    public const string DistilledHead = "ClassifierHead Distilled";
    public const string LayerNormOnImage = "LayerNorm on an image";
    public const string PerPixelLinear = "Linear PerPixel";
    public const string NewActivation = "ReLU6/Hardswish/Hardsigmoid/GELUTanh";
    public const string DropPath = "drop path";
    public const string EncoderDropPath = "Encoder DropPath";
    public const string EncoderLayerScale = "Encoder LayerScale";
    public const string ResidualDropPath = "Residual DropPath";
}
