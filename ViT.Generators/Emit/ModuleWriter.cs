using ViT.Generators.Helpers;
using ViT.Generators.Shapes;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Emit;

/// <summary>
/// Writes what every module class of a model is made of, from a trace: its fields, constructor lines, forward,
/// initialisation, ONNX nodes and nested types, each section by asking every step's layer to write itself. The model's
/// own class and each specialised block class use it; it knows no layer kind.
/// </summary>
internal static class ModuleWriter
{
    /// <summary>A field per module, named by its state-dict name.</summary>
    public static void Fields(EmitScope scope, ShapeTrace trace)
    {
        foreach (var step in trace.Steps) step.Layer.EmitFields(step, scope);
    }

    /// <summary>The constructor lines that create the fields (before <c>RegisterComponents</c>).</summary>
    public static void Construction(EmitScope scope, ShapeTrace trace)
    {
        foreach (var step in trace.Steps) step.Layer.EmitConstruction(step, scope);
    }

    /// <summary>
    /// The initialisation method's body, or null when no layer initialises anything (the class then has none). Each
    /// layer follows the scheme of the class it was declared in.
    /// </summary>
    public static CodeWriter? Initialization(EmitScope scope, ShapeTrace trace, CodeWriter at)
    {
        var writer = at.Nested();
        writer.Line("using " + NoGrad + " noGrad = global::TorchSharp.torch.no_grad();");
        var lines = writer.Nested();
        var before = scope.Code;
        scope.Code = lines;
        foreach (var step in trace.Steps) step.Layer.EmitInitialization(step, scope);
        scope.Code = before;
        return lines.IsEmpty ? null : writer.Append(lines);
    }

    /// <summary>The forward's body after its guard: the class's input kept when a step combines with it, every step, the result.</summary>
    public static void Forward(EmitScope scope, ShapeTrace trace)
    {
        if (trace.UsesInput) scope.Code.Line($"{Tensor} {scope.Input} = x;", trace.InputShape.Batched + " (kept for the branches that combine with it)");
        foreach (var step in trace.Steps) step.Layer.EmitForward(step, scope);
        scope.Code.Line("return x;");
    }

    /// <summary>The ONNX section's body: the same steps as nodes of the graph <c>onnx</c>.</summary>
    public static void Onnx(EmitScope scope, ShapeTrace trace)
    {
        if (trace.UsesInput) scope.Code.Line($"string {scope.Input} = x;");
        foreach (var step in trace.Steps) step.Layer.EmitOnnx(step, scope);
        scope.Code.Line("return x;");
    }

    /// <summary>The nested module classes the steps' fields are made of.</summary>
    public static void Types(EmitScope scope, ShapeTrace trace)
    {
        foreach (var step in trace.Steps) step.Layer.EmitTypes(step, scope);
    }

    /// <summary>
    /// A specialised block class: the block as one of its uses resolved it (the shape that arrives, the values of its
    /// constants), with the module's precision handed in by the model.
    /// </summary>
    public static void Specialization(CodeWriter o, string name, ShapeTrace trace, Specializations specializations)
    {
        var scope = new EmitScope(o, trace.Initialization, specializations, new[] { name }, "compute");
        string init = scope.MemberName("InitializeWeights");
        o.Line();
        o.Line($"/// <summary>{Fmt.Xml(trace.ModelName)} where it receives {trace.InputShape}: gives {trace.OutputShape}, {Fmt.Thousands(trace.TotalParameters)} parameters.</summary>");
        o.Open($"internal sealed class {name} : {Module}");
        Fields(scope, trace);
        o.Line($"private readonly {ComputePrecision} {scope.Compute};");
        o.Line();
        o.Open($"public {name}({ComputePrecision} compute) : base({Fmt.Str(trace.ModelName)})");
        o.Line($"this.{scope.Compute} = compute;");
        Construction(scope, trace);
        o.Line("base.RegisterComponents();");
        var initialization = Initialization(scope, trace, o);
        if (initialization is not null) o.Line($"{init}();");
        o.Close();
        o.Line();
        o.Line($"/// <summary>The forward pass: <c>{trace.InputShape.Batched}</c> to <c>{trace.OutputShape.Batched}</c>.</summary>");
        o.Open($"public override {Tensor} forward({Tensor} x)");
        Forward(scope, trace);
        o.Close();
        if (initialization is not null)
        {
            o.Line();
            o.Open($"private void {init}()");
            o.Append(initialization);
            o.Close();
        }

        o.Line();
        o.Line("/// <summary>The same forward as ONNX nodes, with the state-dict names under <paramref name=\"prefix\"/>.</summary>");
        o.Open($"internal string AppendOnnx({OnnxCode.Graph} onnx, string x, string prefix)");
        Onnx(scope, trace);
        o.Close();
        Types(scope, trace);
        o.Close();
    }
}
