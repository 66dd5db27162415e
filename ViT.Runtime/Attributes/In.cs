// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif

/// <summary>
/// The shape a <c>[Block]</c> receives where it is used, for its layers' arguments: <c>[Conv2d(In.Channels * 6, 1)]</c>
/// widens whatever arrives sixfold, <c>[Conv2d(In.Channels, 1)]</c> gives back the incoming width. The generator reads
/// these names at each use site; the values here (1) only let the C# compiler accept the expressions.
/// </summary>
public static class In
{
    /// <summary>The incoming image's channels C of [C, H, W].</summary>
    public const int Channels = 1;

    /// <summary>The incoming image's height H of [C, H, W].</summary>
    public const int Height = 1;

    /// <summary>The incoming image's width W of [C, H, W].</summary>
    public const int Width = 1;

    /// <summary>The incoming tokens' count N of [N, D].</summary>
    public const int Tokens = 1;

    /// <summary>The incoming tokens' width D of [N, D].</summary>
    public const int Dim = 1;

    /// <summary>The incoming vector's length F of [F].</summary>
    public const int Features = 1;
}
