namespace ViT.Generators.Parsing;

/// <summary>The metadata names of the ViT# attributes.</summary>
public static class AttributeNames
{
    public const string Input = "ViT.InputAttribute";
    public const string Patchify = "ViT.PatchifyAttribute";
    public const string ClassToken = "ViT.ClassTokenAttribute";
    public const string PositionEmbedding = "ViT.PositionEmbeddingAttribute";
    public const string Encoder = "ViT.EncoderAttribute";
    public const string ClassifierHead = "ViT.ClassifierHeadAttribute";
    public const string Initialize = "ViT.InitializeAttribute";
    public const string VisionTransformer = "ViT.VisionTransformerAttribute";

    /// <summary>Default embedding width of <c>[Patchify]</c> (mirrors <c>PatchifyAttribute.DefaultDim</c>).</summary>
    public const int DefaultDim = 100;
}
