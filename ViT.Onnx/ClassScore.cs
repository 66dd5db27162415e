namespace ViT.Onnx;

/// <summary>One class of a classification: its index in the model's outputs, its name and its probability.</summary>
/// <param name="Index">The class's index (its logit's position).</param>
/// <param name="Name">The class's name from the file (<c>vit_sharp.classes</c>), or the index as text when the file names none.</param>
/// <param name="Probability">The softmax of the logits at this class, in [0, 1].</param>
public sealed record ClassScore(int Index, string Name, float Probability);
