using System.Reflection;
using ViT.Generators.Shared;

namespace ViT.Generators.Tests;

/// <summary>
/// [VisionTransformer] restates the options of [Encoder] and [ClassifierHead] (an attribute cannot take another's
/// properties), and the generator reads them with those attributes' readers: every option must exist on the shorthand
/// with the same default, so the two spellings of a model are one model.
/// </summary>
public sealed class ShorthandDefaultsTests
{
    static Dictionary<string, object?> Options(object attribute) => attribute.GetType()
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite && p.DeclaringType == attribute.GetType())
        .ToDictionary(p => p.Name, p => p.GetValue(attribute));

    [Fact]
    public void The_shorthand_offers_every_encoder_and_head_option_with_the_same_default()
    {
        var shorthand = Options(new VisionTransformerAttribute(1, 28, 28, 7, 100, 3, 2, 10));
        var encoder = Options(new EncoderAttribute(3, 2));
        var head = Options(new ClassifierHeadAttribute(10));
        Assert.NotEmpty(encoder);
        foreach (var (name, value) in encoder.Concat(head.Where(h => h.Key != nameof(ClassifierHeadAttribute.Distilled))))
        {
            Assert.True(shorthand.TryGetValue(name, out var own), $"[VisionTransformer] has no {name}, which [Encoder] or [ClassifierHead] has");
            Assert.Equal(value, own);
        }
    }
}
