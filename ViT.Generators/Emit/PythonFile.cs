using System;
using System.Collections.Generic;
using System.Linq;
using ViT.Generators.Shapes;
using ViT.Generators.Shared;

namespace ViT.Generators.Emit;

/// <summary>
/// The PyTorch twin of one model as one Python file under construction: its module-level classes (one per module class
/// the model is made of: each block use's, each model it uses, an encoder's <c>Block</c>), each written once and before
/// the classes that use it, and the helper functions they call. Names here are module-level and so shared by every
/// class of the file; <see cref="PythonScope"/> holds what is per class.
/// </summary>
public sealed class PythonFile
{
    /// <summary>Module-level names the file itself defines or imports.</summary>
    static readonly string[] Reserved = { "torch", "nn", "F", "INPUT_SHAPE", "OUTPUT_SHAPE", "PRECISION", "create", "drop_path" };

    readonly CodeWriter classes = CodeWriter.Python();
    readonly HashSet<string> taken = new(Reserved);
    readonly Dictionary<ShapeTrace, string> traceClasses = new();
    readonly Dictionary<string, string> types = new();
    int scopes;

    /// <summary>Whether a layer called <see cref="DropPath"/>: the file then defines the function.</summary>
    public bool UsesDropPath { get; private set; }

    /// <summary>The classes written so far, in the order Python must read them.</summary>
    public CodeWriter Classes => classes;

    /// <summary>
    /// The class of the module a use of <paramref name="trace"/> creates (a specialised block, a model used as a
    /// layer, a named <c>[Repeat]</c>'s stage), written now if it is the first such use.
    /// </summary>
    public string ClassFor(ShapeTrace trace)
    {
        if (traceClasses.TryGetValue(trace, out var known)) return known;
        string name = Free(trace.ModelName);
        traceClasses[trace] = name;
        PythonEmitter.WriteClass(this, name, trace, trace.Initialization, $"{trace.ModelName} where it receives {trace.InputShape}: gives {trace.OutputShape}, {Fmt.Thousands(trace.TotalParameters)} parameters.", root: null);
        return name;
    }

    /// <summary>
    /// A module-level class that a layer defines for itself (<c>PatchEmbed</c>, an encoder's <c>Block</c>), written by
    /// <paramref name="write"/> the first time <paramref name="key"/> asks; its name.
    /// </summary>
    public string DefineType(string key, string wanted, Action<CodeWriter, string> write)
    {
        if (types.TryGetValue(key, out var known)) return known;
        string name = Free(wanted);
        types[key] = name;
        var o = CodeWriter.Python();
        write(o, name);
        classes.Line().Line().Append(o);
        return name;
    }

    /// <summary>The name of the <c>drop_path</c> function, which the file then defines.</summary>
    public string DropPath()
    {
        UsesDropPath = true;
        return "drop_path";
    }

    /// <summary>A fresh key for one class's <see cref="PythonScope"/>, so that its types are its own.</summary>
    internal int NextScope() => ++scopes;

    /// <summary>Appends a finished class.</summary>
    internal void Add(CodeWriter @class) => classes.Line().Line().Append(@class);

    /// <summary>A module-level name not yet taken: <paramref name="wanted"/>, or it with <c>_2</c>, <c>_3</c>.</summary>
    internal string Free(string wanted)
    {
        string stem = Python.IsIdentifier(wanted) ? wanted : "Module", name = stem;
        for (int i = 2; !taken.Add(name); i++) name = stem + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return name;
    }
}

/// <summary>Python's lexical facts the twin needs.</summary>
internal static class Python
{
    static readonly HashSet<string> Keywords = new()
    {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
        "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
        "pass", "raise", "return", "try", "while", "with", "yield", "match", "case", "type",
    };

    /// <summary>Whether <paramref name="name"/> can be written as a Python name (ASCII letters, digits, underscores; no keyword).</summary>
    public static bool IsIdentifier(string name) =>
        name.Length > 0 && !char.IsDigit(name[0]) && name.All(c => c < 128 && (char.IsLetterOrDigit(c) || c == '_')) && !Keywords.Contains(name);

    /// <summary>A Python string literal.</summary>
    public static string Str(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>A float literal (<c>1e-06</c>, <c>0.1</c>, <c>1.0</c>).</summary>
    public static string Float(double value)
    {
        string text = Fmt.D(value);
        return text.Contains(".") || text.Contains("E") || text.Contains("e") ? text.Replace("E", "e") : text + ".0";
    }

    /// <summary>A tuple literal: <c>(1, 28, 28)</c>, <c>(10,)</c>.</summary>
    public static string Tuple(IEnumerable<long> values)
    {
        var items = values.Select(Fmt.I).ToList();
        return items.Count == 1 ? $"({items[0]},)" : $"({string.Join(", ", items)})";
    }

    /// <summary>Python's <c>True</c> or <c>False</c>.</summary>
    public static string Bool(bool value) => value ? "True" : "False";
}
