using System.Collections.Generic;
using ViT.Generators.Shapes;
using ViT.Generators.Shared;

namespace ViT.Generators.Emit;

/// <summary>
/// What a layer's <c>EmitPython*</c> methods write with and into, for one class of the twin: the current section
/// (<c>__init__</c>, <c>forward</c> or <c>_init_weights</c>), the class's initialisation scheme, and the way each
/// state-dict name is reached: <c>self.conv1</c> where the name is a free Python name, otherwise through
/// <c>add_module</c> and <c>_modules["0"]</c> (as <c>nn.Sequential</c> names its children), so that the twin's
/// <c>state_dict()</c> has exactly the model's names.
/// </summary>
public sealed class PythonScope : ILayerScope
{
    /// <summary><c>nn.Module</c>'s own attributes, which a child of the same name would hide or break.</summary>
    static readonly HashSet<string> ModuleAttributes = new()
    {
        "training", "forward", "train", "eval", "parameters", "named_parameters", "buffers", "named_buffers", "children",
        "named_children", "modules", "named_modules", "state_dict", "load_state_dict", "to", "cpu", "cuda", "float",
        "double", "half", "bfloat16", "type", "apply", "zero_grad", "requires_grad_", "add_module", "register_module",
        "register_parameter", "register_buffer", "get_submodule", "get_parameter", "get_buffer", "extra_repr",
        "share_memory", "dump_patches", "call_super_init", "xpu", "ipu", "to_empty", "precision",
    };

    readonly int key;
    readonly HashSet<string> locals = new() { "x", "self", "B", "x_in" };

    internal PythonScope(PythonFile file, Initialization initialization)
    {
        File = file;
        Initialization = initialization;
        key = file.NextScope();
    }

    /// <summary>The file the class belongs to: its other classes and helpers.</summary>
    public PythonFile File { get; }

    /// <summary>Where the current section is written.</summary>
    public CodeWriter Code { get; internal set; } = CodeWriter.Python();

    /// <summary>The initialisation scheme of the class whose layers are being written (an inlined class's own).</summary>
    public Initialization Initialization { get; internal set; }

    /// <summary>The local that holds the input of the class whose layers are being written, for <c>[AddInput]</c> and its kin.</summary>
    public string Input { get; internal set; } = "x_in";

    Initialization ILayerScope.Initialization { get => Initialization; set => Initialization = value; }

    string ILayerScope.Input { get => Input; set => Input = value; }

    /// <summary>The expression that reads the child module <paramref name="stateDictName"/> (by default the step's name).</summary>
    public string Module(LayerStep step, string? stateDictName = null) => Read(stateDictName ?? step.Name, "_modules");

    /// <summary>The expression that reads the parameter <paramref name="stateDictName"/> (by default the step's name).</summary>
    public string Parameter(LayerStep step, string? stateDictName = null) => Read(stateDictName ?? step.Name, "_parameters");

    /// <summary>Writes the <c>__init__</c> line that makes <paramref name="module"/> the child <paramref name="stateDictName"/>.</summary>
    public void AddModule(LayerStep step, string module, string? stateDictName = null, string? comment = null) =>
        Write(stateDictName ?? step.Name, module, "add_module", comment);

    /// <summary>Writes the <c>__init__</c> line that makes <paramref name="parameter"/> the parameter <paramref name="stateDictName"/>.</summary>
    public void AddParameter(LayerStep step, string parameter, string? stateDictName = null, string? comment = null) =>
        Write(stateDictName ?? step.Name, parameter, "register_parameter", comment);

    /// <summary>The class <paramref name="step"/>'s layer defines for itself, written once per class that holds it.</summary>
    public string DefineType(LayerStep step, string wanted, System.Action<CodeWriter, string> write) =>
        File.DefineType($"{key}:{step.Name}:{wanted}", wanted, write);

    /// <summary>A free name for a local of the current method, such as the saved input of an inlined block.</summary>
    public string LocalName(string wanted)
    {
        string name = wanted;
        for (int i = 2; !locals.Add(name); i++) name = wanted + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return name;
    }

    static bool IsAttribute(string name) => Python.IsIdentifier(name) && !name.StartsWith("_", System.StringComparison.Ordinal) && !ModuleAttributes.Contains(name);

    static string Read(string name, string table) => IsAttribute(name) ? "self." + name : $"self.{table}[{Python.Str(name)}]";

    void Write(string name, string value, string register, string? comment)
    {
        string line = IsAttribute(name) ? $"self.{name} = {value}" : $"self.{register}({Python.Str(name)}, {value})";
        if (comment is null) Code.Line(line);
        else Code.Line(line, comment);
    }
}
