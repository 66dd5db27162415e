namespace ViT.Generators.Tests.Fuzzing;

/// <summary>One parameter or settable property of a layer attribute, as <see cref="AttributeCatalog"/> lists them.</summary>
/// <param name="Name">The parameter's or property's name.</param>
/// <param name="Kind">What it holds.</param>
/// <param name="IsProperty">A property (<c>Name = value</c>), optional by nature.</param>
/// <param name="IsOptional">A parameter with a default value.</param>
/// <param name="EnumType">The enum of an <see cref="ArgumentKind.Enum"/> parameter.</param>
internal sealed record ParameterDraft(string Name, ArgumentKind Kind, bool IsProperty = false, bool IsOptional = false, Type? EnumType = null);
