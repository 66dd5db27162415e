namespace ViT.Benchmarks.Cases;

/// <summary>A model set up to be timed on a fixed batch: one training step, one inference batch.</summary>
public interface ITimedCase : IDisposable
{
    /// <summary>What is timed, for the report.</summary>
    string Name { get; }

    /// <summary>Puts the model in training mode (outside the timed region).</summary>
    void BeginTraining();

    /// <summary>One training step: forward, cross-entropy, backward, optimizer step.</summary>
    void TrainStep();

    /// <summary>Puts the model in evaluation mode (outside the timed region).</summary>
    void BeginInference();

    /// <summary>One forward pass of the batch without gradients.</summary>
    void InferBatch();
}
