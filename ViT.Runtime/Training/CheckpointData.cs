namespace ViT.Training;

/// <summary>
/// The training data a checkpoint was written on, so that <see cref="TrainerOptions.Resume"/> refuses other data
/// instead of continuing a run on a mix of two (<see cref="DataFingerprint"/>). Absent in older checkpoints.
/// </summary>
/// <param name="Source">The data's description: its file or folder, and a view such as "the first 2,000 of ...".</param>
/// <param name="Count">The number of training examples.</param>
/// <param name="Fingerprint">A hash of every label and of a spread of images (<see cref="DataFingerprint"/>).</param>
/// <param name="Transforms">The training transforms, as text; "none" without.</param>
public sealed record CheckpointData(string Source, int Count, string Fingerprint, string Transforms);
