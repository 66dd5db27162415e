namespace ViT.Generators.Diagnostics;

/// <summary>Keys of <c>Diagnostic.Properties</c> that carry what a code fix needs, so it never recomputes shapes or re-reads the declaration.</summary>
public static class DiagnosticProperties
{
    /// <summary>The valid values of the argument at fault, comma-separated, best first (VIT0003 patch sizes, VIT0004 head counts, VIT0021 groups, VIT0020 the largest kernel or padding that fits).</summary>
    public const string Choices = "Choices";

    /// <summary>The name of the argument at fault (<c>kernel</c>, <c>Padding</c>), for the code fix's title.</summary>
    public const string Argument = "Argument";

    /// <summary>
    /// C# that replaces the syntax at the diagnostic's first additional location, which may be in another file (VIT0018:
    /// the model's <c>[Input]</c> arguments, <c>(1, 28, 28)</c>; VIT0026: its last layer's output count); with <see cref="Title"/>.
    /// </summary>
    public const string Replacement = "Replacement";

    /// <summary>The title of the code fix that applies <see cref="Replacement"/>: "Declare [Input(1, 28, 28)] on CifarViT".</summary>
    public const string Title = "Title";

    /// <summary>
    /// A parameterless layer attribute whose insertion fixes the diagnostic (<c>Flatten</c> for VIT0007, <c>ClassToken</c>
    /// for VIT0006); the diagnostic's first additional location is the attribute it goes before.
    /// </summary>
    public const string Insert = "Insert";

    /// <summary>
    /// VIT0013: present (value <c>true</c>) when the only fault is containing types that are not partial, so the code fix
    /// may add the modifier; absent when the model is generic or static or a container is generic, which it cannot mend.
    /// </summary>
    public const string MakeContainersPartial = "MakeContainersPartial";

    /// <summary>
    /// The model the diagnostic is about, by metadata name (<c>Namespace.Outer.Name</c>, the generated file's name
    /// without <c>.g.cs</c>). Its location alone does not say: VIT0030 on a nested type's name is about the class around it.
    /// </summary>
    public const string Model = "Model";
}
