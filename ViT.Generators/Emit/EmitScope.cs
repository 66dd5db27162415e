using System;
using System.Collections.Generic;
using System.Linq;
using ViT.Generators.Helpers;
using ViT.Generators.Shapes;
using ViT.Generators.Shared;

namespace ViT.Generators.Emit;

/// <summary>
/// What a layer's <c>Emit*</c> methods write with and into, for one module class (the model, or a block specialised
/// for one of its uses): the current writer, the names of the class's members, and the model's table of
/// specialisations. Names are handed out here so that nothing the generator writes can clash with what the user
/// declared, or with another layer's: a field is called by its state-dict name when that is a free identifier, and
/// otherwise gets a free name and keeps the state-dict name through TorchSharp's <c>ComponentName</c>.
/// </summary>
public sealed class EmitScope : ILayerScope
{
    readonly HashSet<string> taken;
    readonly Dictionary<string, string> assigned = new();

    internal EmitScope(CodeWriter code, Initialization initialization, Specializations specializations, IEnumerable<string> taken, string compute)
    {
        Code = code;
        Initialization = initialization;
        Specializations = specializations;
        this.taken = new HashSet<string>(taken.Concat(specializations.Names));
        Compute = MemberName(compute);
    }

    /// <summary>Where the current section is written.</summary>
    public CodeWriter Code { get; internal set; }

    /// <summary>The initialisation scheme of the class whose layers are being written (an inlined class's own).</summary>
    public Initialization Initialization { get; internal set; }

    /// <summary>The model's specialised block classes, by the trace of their use.</summary>
    public Specializations Specializations { get; }

    /// <summary>Whether the module is training, as its forward reads it: through <c>base</c>, so that a user's member named <c>training</c> cannot stand in for TorchSharp's.</summary>
    public string Training => "base.training";

    /// <summary>
    /// The module's <c>ComputePrecision</c> field, which every product reads (<c>global::ViT.Autocast</c>) and nested
    /// modules receive in their constructor.
    /// </summary>
    public string Compute { get; }

    /// <summary>The local that holds the input of the class whose layers are being written, for <c>[AddInput]</c> and its kin.</summary>
    public string Input { get; internal set; } = "input";

    /// <summary>
    /// The identifier of the field that holds <paramref name="stateDictName"/> (by default the step's own name) of
    /// <paramref name="step"/>: the name itself when it is a free identifier (<c>patch_embed</c>), else
    /// <paramref name="prefix"/> and the name (<c>conv3</c> for <c>3</c>), made free.
    /// </summary>
    public string Field(LayerStep step, string prefix, string? stateDictName = null)
    {
        string name = stateDictName ?? step.Name;
        return Assign("field:" + name, IsIdentifier(name) ? name : prefix + Sanitize(name));
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
    public string TypeName(LayerStep step, string name) => Assign("type:" + step.Name + ":" + name, name);

    /// <summary>A free name for a member of the module class itself, such as its initialisation method.</summary>
    public string MemberName(string name) => Assign("member:" + name, name);

    /// <summary>A free name for a local of the current method, such as the saved input of an inlined block.</summary>
    public string LocalName(string name) => Assign("local:" + name + ":" + assigned.Count, name);

    Initialization ILayerScope.Initialization { get => Initialization; set => Initialization = value; }

    string ILayerScope.Input { get => Input; set => Input = value; }

    /// <summary>The specialised class for a use of a block with this <paramref name="trace"/>.</summary>
    public string Specialization(ShapeTrace trace) => Specializations.NameOf(trace);

    string Assign(string key, string wanted)
    {
        if (assigned.TryGetValue(key, out var known)) return known;
        string name = wanted;
        while (!taken.Add(name)) name += "_";
        assigned[key] = name;
        return name;
    }

    /// <summary><c>block1_0</c> for <c>block1-0</c>: a state-dict name as part of an identifier.</summary>
    static string Sanitize(string name) => new(name.Select(c => char.IsLetterOrDigit(c) || c == '_' ? c : '_').ToArray());

    static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_') && Identifier.Escape(name) == name;
}
