namespace ViT.Generators.Diagnostics;

/// <summary>Keys of <c>Diagnostic.Properties</c> that carry what a code fix needs, so it never recomputes shapes or re-reads the declaration.</summary>
public static class DiagnosticProperties
{
    /// <summary>VIT0004: the head counts that divide the width, comma-separated, best first.</summary>
    public const string ValidHeads = "ValidHeads";

    /// <summary>VIT0003: the patch sizes that divide both the height and the width, comma-separated.</summary>
    public const string ValidPatches = "ValidPatches";

    /// <summary>
    /// VIT0013: present (value <c>true</c>) when the only fault is containing types that are not partial, so the code fix
    /// may add the modifier; absent when the model is generic or static or a container is generic, which it cannot mend.
    /// </summary>
    public const string MakeContainersPartial = "MakeContainersPartial";
}
