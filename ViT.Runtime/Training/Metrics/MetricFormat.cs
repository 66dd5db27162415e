namespace ViT.Training.Metrics;

/// <summary>How the progress bar and the charts show a metric; the CSV and TensorBoard always hold the plain number.</summary>
public enum MetricFormat
{
    /// <summary>A plain number: <c>0.0842</c>.</summary>
    Number = 0,

    /// <summary>A fraction shown in percent: 0.9745 as <c>97.45 %</c>.</summary>
    Percent = 1,
}
