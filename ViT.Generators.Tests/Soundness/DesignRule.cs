namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// A rule of the layer algebra that is a design decision rather than a shape error: the analyzer reports
/// <see cref="Id"/> although torch runs the model. It excuses a rejected model that ran only where the builder
/// observed <see cref="Observation"/> in the class that has the error.
/// </summary>
internal sealed record DesignRule(string Id, string Observation, string Why)
{
    public override string ToString() => $"{Id} ({Observation})";
}
