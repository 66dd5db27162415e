namespace ViT.Generators.Specs;

/// <summary>A constant of a model or block class, which each use may give another value: <c>const int Width = 64;</c>.</summary>
/// <param name="Name">The constant's name.</param>
/// <param name="Default">Its declared value: a <c>long</c>, <c>double</c>, <c>bool</c> or <c>string</c> (an enum's number).</param>
/// <param name="Type">Its type as messages show it: <c>int</c>, <c>double</c>, <c>bool</c>, <c>Activation</c>.</param>
public sealed record BlockParameter(string Name, object Default, string Type);
