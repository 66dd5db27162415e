using ViT.Generators.Helpers;

namespace ViT.Generators.Specs;

/// <summary>One layer attribute as written: which attribute, where it stands, and its arguments, read into a layer at every use.</summary>
/// <param name="AttributeName">The attribute's metadata name as users see it: <c>ViT.Conv2dAttribute</c>.</param>
/// <param name="ShortName">How messages name it: <c>Conv2d</c>.</param>
/// <param name="AttributeIndex">Its position in the class's attributes, so that an analyzer can find it again.</param>
/// <param name="Arguments">Its arguments by parameter or property name, optional constructor parameters' defaults included.</param>
/// <param name="Unreadable">Whether its arguments did not bind (half-typed, mistyped): it is reported, never guessed at.</param>
public sealed record LayerTemplate(string AttributeName, string ShortName, int AttributeIndex, EquatableArray<TemplateArgument> Arguments, bool Unreadable = false);
