using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using ViT.Generators.Specs;
using ViT.Generators.Shapes;
using ViT.Generators.Shared;

namespace ViT.Generators.Parsing;

/// <summary>Reads a data-set type's <c>[ImageShape(channels, height, width, Classes = n)]</c> with the models' argument reading.</summary>
public static class DataShapeParser
{
    /// <summary>The metadata name of the attribute, where users see it.</summary>
    public const string AttributeName = "ViT.Data." + nameof(ImageShapeAttribute);

    static readonly ImageShapeAttribute Defaults = new(1, 1, 1);

    /// <summary>The declared shape, or null when the type declares none (or declares it with arguments that do not bind).</summary>
    public static DataShape? Read(ITypeSymbol type, CancellationToken cancellationToken)
    {
        var attribute = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == AttributeName);
        if (attribute is null || AttributeErrors.HasErrors(attribute, cancellationToken)) return null;
        var a = AttributeErrors.Constants(attribute, "ImageShape");
        return a.Int("channels") is int c && a.Int("height") is int h && a.Int("width") is int w
            ? new DataShape(type.Name, Shape.Of(c, h, w), a.Int(nameof(ImageShapeAttribute.Classes)) ?? Defaults.Classes)
            : null;
    }
}
