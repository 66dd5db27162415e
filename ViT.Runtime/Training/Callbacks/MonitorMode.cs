namespace ViT.Training.Callbacks;

/// <summary>Which way a monitored value improves (Lightning's <c>mode</c>).</summary>
public enum MonitorMode
{
    /// <summary>Lower is better: a loss.</summary>
    Min = 0,

    /// <summary>Higher is better: an accuracy.</summary>
    Max = 1,
}
