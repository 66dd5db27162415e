using TorchSharp.Modules;

namespace ViT.Training;

/// <summary>One optimizer parameter group: its parameters by state-dict name, and the rate and weight decay they train with.</summary>
/// <param name="Name">What the group holds, such as <c>decay</c>, <c>no_decay</c> or <c>x0.1 decay</c>.</param>
/// <param name="Parameters">The group's parameters and their names.</param>
/// <param name="LearningRate">The group's base rate (the schedule scales it).</param>
/// <param name="WeightDecay">The group's weight decay.</param>
public sealed record ParameterGroup(string Name, IReadOnlyList<(string Name, Parameter Parameter)> Parameters, double LearningRate, double WeightDecay);
