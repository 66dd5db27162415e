using System.Text.Json.Serialization;
using ViT.Training.Metrics;

namespace ViT.Training;

/// <summary>A model's metrics on a data set, named without a prefix (<c>loss</c>, <c>acc</c>, …).</summary>
/// <param name="Values">Each metric's value by name, the loss first.</param>
/// <param name="Count">Number of images evaluated.</param>
public sealed record Evaluation(IReadOnlyDictionary<string, double> Values, int Count)
{
    /// <summary>An evaluation of loss and accuracy only (such as ONNX Runtime's).</summary>
    public Evaluation(double loss, double accuracy, int count)
        : this(new Dictionary<string, double> { [MetricNames.Loss] = loss, [MetricNames.Accuracy] = accuracy }, count) { }

    /// <summary>The value named <paramref name="name"/>; throws naming the values there are when it is missing.</summary>
    public double this[string name] => Values.TryGetValue(name, out double value)
        ? value
        : throw new KeyNotFoundException($"The evaluation has no value named '{name}'; it has {string.Join(", ", Values.Keys)}.");

    /// <summary>Mean loss.</summary>
    [JsonIgnore] public double Loss => this[MetricNames.Loss];

    /// <summary>Fraction classified right, in [0, 1]; NaN without an <see cref="Accuracy"/> metric.</summary>
    [JsonIgnore] public double Accuracy => Values.GetValueOrDefault(MetricNames.Accuracy, double.NaN);
}
