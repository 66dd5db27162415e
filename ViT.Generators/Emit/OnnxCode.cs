namespace ViT.Generators.Emit;

/// <summary>
/// The frame of a model's ONNX section (its <c>AppendOnnx</c>), which every layer's <c>EmitOnnx</c> writes into: the
/// graph is the local <c>onnx</c>, the current value <c>x</c>, and state-dict names are written under <c>prefix</c>
/// (empty for the exported model, <c>"3."</c> for a model used as layer 3).
/// </summary>
public static class OnnxCode
{
    /// <summary>The runtime graph type the section writes into.</summary>
    public const string Graph = "global::ViT.Onnx.OnnxGraph";

    /// <summary>The section's signature, an explicit implementation so it cannot clash with the user's members.</summary>
    public const string Signature = "string global::ViT.IGeneratedModel.AppendOnnx(" + Graph + " onnx, string x, string prefix)";

    /// <summary><c>prefix + "blocks.0.norm1"</c>: the C# expression for a state-dict name in the graph.</summary>
    public static string Name(string stateDictName) => "prefix + " + Fmt.Str(stateDictName);
}
