namespace ViT.Data;

/// <summary>What <see cref="RandomErasing"/> puts in the erased box.</summary>
public enum ErasingFill
{
    /// <summary>Zeros: black on unnormalised images such as MNIST's.</summary>
    Zero = 0,

    /// <summary>Standard normal noise per pixel (timm's <c>mode='pixel'</c>), for normalised images.</summary>
    Noise = 1,
}
