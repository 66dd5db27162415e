using System.Collections.Generic;
using System.Linq;
using ViT.Generators.Helpers;
using ViT.Generators.Layers;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Emit;

/// <summary>
/// What a layer's <c>Emit*</c> methods write with and into: the current writer, the model, and the names of the
/// model class's members. Names are handed out here so that nothing the generator writes can clash with what the
/// user declared, or with another layer's: a field is called by its state-dict name when that is a free identifier,
/// and otherwise gets a free name and keeps the state-dict name through TorchSharp's <c>ComponentName</c>.
/// </summary>
public sealed class EmitScope
{
    readonly HashSet<string> taken;
    readonly Dictionary<(int Step, string Name), string> assigned = new();

    internal EmitScope(ModelSpec spec, ShapeTrace trace, CodeWriter code)
    {
        Spec = spec;
        Trace = trace;
        Code = code;
        // A nested type named like a model the attributes name (typeof(Block)) would take that name's place in the
        // attributes themselves, which are bound inside the class: the analyzer would then see the nested type.
        var composed = spec.Layers.OfType<ComposedLayer>().Select(layer => layer.Model.Name);
        taken = new HashSet<string>(spec.Declaration.MemberNames.Concat(spec.ContainingTypes.Select(t => t.Name)).Concat(ShapeInference.GeneratedMembers).Concat(composed))
        {
            spec.ClassName,
        };
    }

    public ModelSpec Spec { get; }

    public ShapeTrace Trace { get; }

    /// <summary>Where the current section is written.</summary>
    public CodeWriter Code { get; internal set; }

    /// <summary>The model's initialisation scheme.</summary>
    public Shared.Initialization Initialization => Spec.Initialization;

    /// <summary>Whether the model is training, as its forward reads it: through <c>base</c>, so that a user's member named <c>training</c> cannot stand in for TorchSharp's.</summary>
    public string Training => "base.training";

    /// <summary>
    /// The model's <c>ComputePrecision</c> field, which every product reads (<c>global::ViT.Autocast</c>) and nested
    /// modules receive in their constructor.
    /// </summary>
    public string Compute => MemberName("compute");

    /// <summary>
    /// The identifier of the field that holds <paramref name="stateDictName"/> (by default the step's own name) of
    /// <paramref name="step"/>: the name itself when it is a free identifier (<c>patch_embed</c>), else
    /// <paramref name="prefix"/> and the name (<c>conv3</c> for <c>3</c>), made free.
    /// </summary>
    public string Field(LayerStep step, string prefix, string? stateDictName = null)
    {
        string name = stateDictName ?? step.Name;
        return Assign(step, "field:" + name, IsIdentifier(name) ? name : prefix + name.Replace('.', '_'));
    }

    /// <summary>Writes the field declaration, with TorchSharp's <c>ComponentName</c> when the identifier is not the state-dict name.</summary>
    public string DeclareField(LayerStep step, string type, string prefix, string? stateDictName = null)
    {
        string name = stateDictName ?? step.Name;
        string field = Field(step, prefix, name);
        if (field != name) Code.Line($"[global::TorchSharp.Utils.ComponentName(Name = {Fmt.Str(name)})]");
        Code.Line($"internal readonly {type} {field};");
        return field;
    }

    /// <summary>A free name for a nested type of <paramref name="step"/>, such as <c>Block</c> (or <c>Block_</c> when the user has a <c>Block</c>).</summary>
    public string TypeName(LayerStep step, string name) => Assign(step, "type:" + name, name);

    /// <summary>A free name for a member of the model class itself, such as its initialisation method.</summary>
    public string MemberName(string name) => Assign(null, "member:" + name, name);

    string Assign(LayerStep? step, string key, string wanted)
    {
        var id = (step?.LayerIndex ?? -1, key);
        if (assigned.TryGetValue(id, out var known)) return known;
        string name = wanted;
        while (!taken.Add(name)) name += "_";
        assigned[id] = name;
        return name;
    }

    static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_') && Identifier.Escape(name) == name;
}
