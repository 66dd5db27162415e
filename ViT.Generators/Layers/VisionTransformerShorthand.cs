using System.Collections.Generic;
using System.Linq;
using ViT.Generators.Helpers;
using ViT.Generators.Parsing;
using ViT.Generators.Shared;

namespace ViT.Generators.Layers;

/// <summary><c>[VisionTransformer(...)]</c>: the standard stack, read as if its six layer attributes had been written.</summary>
public static class VisionTransformerShorthand
{
    static readonly string[] Sizes = { "channels", "height", "width", "patch", "dim", "layers", "heads", "classes" };

    public static IEnumerable<Layer> Read(AttributeArguments a)
    {
        var values = Sizes.Select(a.Int).ToArray();
        if (values.Any(v => v is null)) return new Layer[] { new UnreadableLayer(a.AttributeName) };
        int Value(string name) => values[System.Array.IndexOf(Sizes, name)]!.Value;
        var head = ClassifierHeadLayer.Read(a);
        return new[]
        {
            new InputLayer(new long[] { Value("channels"), Value("height"), Value("width") }.ToEquatableArray()),
            new PatchifyLayer(Value("patch"), Value("dim")),
            new ClassTokenLayer(),
            new PositionEmbeddingLayer(0),
            EncoderLayer.ReadOptions(a, Value("layers"), Value("heads")),
            head,
        };
    }
}
