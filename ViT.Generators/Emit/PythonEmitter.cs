using ViT.Generators.Shapes;
using ViT.Generators.Shared;
using ViT.Generators.Specs;

namespace ViT.Generators.Emit;

/// <summary>
/// Writes a valid model's PyTorch twin: one Python file that needs only <c>torch</c> (1.13 or later), with a
/// <c>torch.nn.Module</c> per module class of the model, the same state-dict names, initialisation and forward, and the
/// shape of every step in a comment. As for the TorchSharp code, the layers write themselves (the <c>EmitPython*</c>
/// methods); this knows the frame: the file's header, each class's methods, and <c>create()</c>.
/// </summary>
public static class PythonEmitter
{
    /// <summary>The twin's source; call only with a trace that <see cref="ShapeTrace.IsValid"/>.</summary>
    public static string Emit(ModelSpec spec, ShapeTrace trace)
    {
        var file = new PythonFile();
        string name = file.Free(spec.ClassName);
        WriteClass(file, name, trace, spec.Initialization, $"ViT# model {spec.ClassName}: input {trace.InputShape}, output {trace.OutputShape}, {Fmt.Thousands(trace.TotalParameters)} parameters.", root: spec);

        var o = CodeWriter.Python();
        o.Line($"\"\"\"The PyTorch twin of {spec.FullName}, written by {ModelEmitter.GeneratorName} {ModelEmitter.GeneratorVersion}.");
        o.Line();
        o.Line("The same model as the .NET one: the same layers, state-dict names, initialisation and forward, so weights move");
        o.Line("between them as safetensors files (strict loading on both sides). Needs only torch (1.13 or later). Train it on");
        o.Line("many processes or GPUs with train_ddp.py beside it; regenerate it from the C# declaration rather than edit it.");
        o.Line("\"\"\"");
        o.Line("import torch");
        o.Line("import torch.nn.functional as F");
        o.Line("from torch import nn");
        o.Line();
        o.Line($"INPUT_SHAPE = {Python.Tuple(trace.InputShape.Dims)}");
        o.Line($"OUTPUT_SHAPE = {Python.Tuple(trace.OutputShape.Dims)}");
        o.Line($"PRECISION = {Python.Str(spec.Precision == Precision.BFloat16 ? "bfloat16" : "float32")}  # the model's [Precision]: \"bfloat16\" runs products under torch.autocast");
        if (file.UsesDropPath) WriteDropPath(o);
        o.Append(file.Classes);
        o.Line();
        o.Line();
        o.Open("def create():");
        o.Line($"\"\"\"{spec.ClassName} with its initialisation; seed with torch.manual_seed first for repeatable weights.\"\"\"");
        o.Line($"return {name}()");
        o.Close();
        return o.ToString();
    }

    /// <summary>
    /// Writes one class of the twin for <paramref name="trace"/> into <paramref name="file"/>, after the classes it uses.
    /// The <paramref name="root"/> model's class also checks its input, holds <c>precision</c> and returns float32.
    /// </summary>
    internal static void WriteClass(PythonFile file, string name, ShapeTrace trace, Initialization scheme, string doc, ModelSpec? root)
    {
        var scope = new PythonScope(file, scheme);
        var o = CodeWriter.Python();
        o.Open($"class {name}(nn.Module):");
        o.Line($"\"\"\"{doc}\"\"\"");
        o.Line();
        o.Open("def __init__(self):");
        o.Line("super().__init__()");
        if (root is not null) o.Line("self.precision = PRECISION");
        scope.Code = o;
        foreach (var step in trace.Steps) step.Layer.EmitPythonInit(step, scope);
        var initialization = InitializationLines(scope, trace, o);
        if (initialization is not null) o.Line("self._init_weights()");
        o.Close();
        o.Line();
        o.Open("def forward(self, x):");
        o.Line($"# {trace.InputShape.Batched} -> {trace.OutputShape.Batched}");
        if (root is not null)
        {
            o.Open("if tuple(x.shape[1:]) != INPUT_SHAPE:");
            o.Line($"raise ValueError(f\"{root.ClassName} takes {trace.InputShape.Batched}, not {{list(x.shape)}}\")");
            o.Close();
            o.Open("with torch.autocast(x.device.type, dtype=torch.bfloat16, enabled=self.precision == \"bfloat16\"):");
            Forward(scope, trace, o);
            o.Close();
            o.Line("return x.float() if x.dtype == torch.bfloat16 else x", "logits in float32 (a model made double stays double)");
        }
        else
        {
            Forward(scope, trace, o);
            o.Line("return x");
        }

        o.Close();
        if (initialization is not null)
        {
            o.Line();
            o.Open("def _init_weights(self):");
            o.Open("with torch.no_grad():");
            o.Append(initialization);
            o.Close();
            o.Close();
        }

        o.Close();
        file.Add(o);
    }

    static void Forward(PythonScope scope, ShapeTrace trace, CodeWriter o)
    {
        scope.Code = o;
        if (trace.UsesInput) o.Line($"{scope.Input} = x", trace.InputShape.Batched + " (kept for the branches that combine with it)");
        foreach (var step in trace.Steps) step.Layer.EmitPythonForward(step, scope);
    }

    /// <summary>
    /// The initialisation lines, written while <paramref name="at"/> is in <c>__init__</c>'s body, one level deeper (where
    /// they go: inside <c>_init_weights</c>'s <c>with torch.no_grad():</c>); null when no layer has any.
    /// </summary>
    static CodeWriter? InitializationLines(PythonScope scope, ShapeTrace trace, CodeWriter at)
    {
        var lines = at.Nested(deeper: 1);
        var before = scope.Code;
        scope.Code = lines;
        foreach (var step in trace.Steps) step.Layer.EmitPythonInitialization(step, scope);
        scope.Code = before;
        return lines.IsEmpty ? null : lines;
    }

    static void WriteDropPath(CodeWriter o)
    {
        o.Line();
        o.Line();
        o.Open("def drop_path(x, rate, training):");
        o.Line("\"\"\"Stochastic depth (timm's drop_path): zeroes whole samples of a residual branch with probability rate, scales the rest.\"\"\"");
        o.Open("if not training or rate == 0:");
        o.Line("return x");
        o.Close();
        o.Line("keep = 1 - rate");
        o.Line("mask = x.new_empty((x.shape[0],) + (1,) * (x.ndim - 1)).bernoulli_(keep).div_(keep)");
        o.Line("return x * mask");
        o.Close();
    }
}
