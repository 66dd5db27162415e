namespace ViT.Training.Callbacks;

/// <summary>
/// A callback whose state a resumed run needs (such as <see cref="ExponentialMovingAverage"/>'s averaged weights), as
/// Lightning's <c>Callback.state_dict</c>: every checkpoint stores it under <see cref="StateKey"/>, and a resume hands
/// it back before <see cref="TrainerCallback.OnFitStart"/>.
/// </summary>
public interface ICheckpointedCallback
{
    /// <summary>The key the state is stored under; unique among a trainer's callbacks.</summary>
    string StateKey { get; }

    /// <summary>Writes the state into a checkpoint.</summary>
    void SaveState(BinaryWriter writer);

    /// <summary>Restores the state <see cref="SaveState"/> wrote; called when resuming, before <see cref="TrainerCallback.OnFitStart"/>.</summary>
    void LoadState(BinaryReader reader);
}
