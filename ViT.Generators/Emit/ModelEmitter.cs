using System.Collections.Generic;
using System.Linq;
using ViT.Generators.Declarations;
using ViT.Generators.Helpers;
using ViT.Generators.Shapes;
using ViT.Generators.Shared;
using ViT.Generators.Specs;
using ViT.Generators.Specs.Expressions;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Emit;

/// <summary>
/// Writes the partial class of a valid model: a <c>Module&lt;Tensor, Tensor&gt;</c> with the compile-time facts, then
/// what every step of the trace writes, section by section (fields, constructor, forward, initialisation, nested
/// modules). It knows no layer kind: the layers write themselves.
/// </summary>
public static class ModelEmitter
{
    public const string GeneratorName = "ViT.Generators";

    /// <summary>
    /// The generator's version in <c>[GeneratedCode]</c>: the release it belongs to (<c>0.1.0</c>), from its assembly
    /// version, without a dev pack's time stamp, so generated code stays the same from one pack to the next.
    /// </summary>
    public static readonly string GeneratorVersion = typeof(ModelEmitter).Assembly.GetName().Version is { } version
        ? $"{version.Major}.{version.Minor}.{version.Build}"
        : "0.0.0";

    /// <summary>The hint name: <c>Namespace.Outer.Type.g.cs</c>, from metadata names (never an <c>@</c>).</summary>
    public static string HintName(ModelSpec spec) => spec.FullName + ".g.cs";

    /// <summary>The generated source; call only with a trace that <see cref="ShapeTrace.IsValid"/>.</summary>
    public static string Emit(ModelSpec spec, ShapeTrace trace)
    {
        var o = new CodeWriter();
        var taken = TakenNames(spec);
        var specializations = Specializations.Collect(trace, taken);
        var scope = new EmitScope(o, spec.Initialization, specializations, taken, "compute");
        string className = Identifier.Escape(spec.ClassName);
        string init = scope.MemberName("InitializeWeights");

        OpenFile(o, spec);
        WriteDocumentation(o, spec, trace);
        BlockEmitter.Records(o, spec);
        o.Line($"[global::System.CodeDom.Compiler.GeneratedCode({Fmt.Str(GeneratorName)}, {Fmt.Str(GeneratorVersion)})]");
        o.Open($"partial class {className} : {Module}, global::ViT.IGeneratedModel");
        WriteFacts(o, spec, trace);

        o.Line("// Field names are the state-dict names: timm's for the ViT layers, the position or the given Name for the others (as nn.Sequential).");
        ModuleWriter.Fields(scope, trace);
        o.Line($"private readonly global::ViT.ComputePrecision {scope.Compute} = new(global::ViT.Precision.{spec.Precision});");
        o.Line();
        WritePrecision(o, scope);

        string scheme = spec.Initialization == Initialization.TruncatedNormal
            ? "timm's initialisation (truncated normal std 0.02 for Linear weights, zero biases)"
            : "PyTorch's default initialisation";
        o.Line("/// <summary>");
        o.Line($"/// Builds the model with {scheme}. Weights come from TorchSharp's global generator: call");
        o.Line("/// <c>torch.manual_seed</c> first for repeatable weights.");
        o.Line("/// </summary>");
        o.Open($"public {className}() : base({Fmt.Str(spec.ClassName)})");
        ModuleWriter.Construction(scope, trace);
        o.Line("base.RegisterComponents();"); // base: a user's member of that name (an event, say) cannot stand in for TorchSharp's
        o.Line($"Precision = {scope.Compute}.Value; // the models used as layers compute as this one does");
        var initialization = ModuleWriter.Initialization(scope, trace, o);
        if (initialization is not null) o.Line($"{init}();");
        o.Close();
        o.Line();

        WriteForward(o, scope, spec, trace);
        if (initialization is not null)
        {
            o.Line();
            o.Open($"private void {init}()");
            o.Append(initialization);
            o.Close();
        }

        WriteOnnx(o, scope, trace);
        WritePyTorch(o, spec, trace);
        ModuleWriter.Types(scope, trace);
        foreach (var (inner, name) in specializations.All) ModuleWriter.Specialization(o, name, inner, specializations);
        o.Close();
        foreach (var _ in spec.ContainingTypes) o.Close();
        return o.ToString();
    }

    /// <summary>
    /// The names the model class already has or must leave alone: the user's members, the types around it, the
    /// generated members, and the classes its attributes name (a nested type named like them would take their place in
    /// the attributes themselves, which are bound inside the class: the analyzer would then see the nested type).
    /// </summary>
    static IEnumerable<string> TakenNames(ModelSpec spec) =>
        spec.Declaration.MemberNames
            .Concat(spec.ContainingTypes.Select(t => t.Name))
            .Concat(DeclarationRules.GeneratedMembers)
            .Concat(spec.Layers.SelectMany(l => l.Arguments).Select(a => a.Value).OfType<ConstantExpr>().Select(c => c.Value).OfType<ModelReference>().Select(m => m.Name.Split('.').Last()))
            .Concat(new[] { spec.ClassName });

    /// <summary>The file's header, the model's namespace and the types it is nested in, re-opened; close those with one <c>Close()</c> each.</summary>
    internal static void OpenFile(CodeWriter o, ModelSpec spec)
    {
        o.Line("// <auto-generated/>");
        o.Line("#nullable enable");
        o.Line();
        if (spec.Namespace.Length > 0)
        {
            o.Line("namespace " + Identifier.EscapeDotted(spec.Namespace) + ";");
            o.Line();
        }

        foreach (var container in spec.ContainingTypes) o.Open($"partial {container.Keyword} {Identifier.Escape(container.Name)}");
    }

    // The class's XML doc carries the summary table, so hovering the model shows it. Markdown hovers (csharp-ls, among
    // others) put a <code> block's fence right after the text before it, which breaks the fence; a <para> first makes
    // the fence start on a line of its own, and Visual Studio renders the same structure as paragraph and code block.
    static void WriteDocumentation(CodeWriter o, ModelSpec spec, ShapeTrace trace)
    {
        o.Line("/// <summary>");
        o.Line($"/// ViT# model generated from the attributes of <c>{Fmt.Xml(spec.ClassName)}</c>: input {trace.InputShape}, output {trace.OutputShape}, {Fmt.Thousands(trace.TotalParameters)} parameters.");
        o.Line("/// <para>Its layers, worked out at compile time:</para>");
        o.Line("/// <code>");
        foreach (var line in SummaryText(spec, trace).TrimEnd('\n').Split('\n')) o.Line("/// " + Fmt.Xml(line));
        o.Line("/// </code>");
        o.Line("/// </summary>");
    }

    /// <summary>
    /// For a model with errors: no model code, but the class's other half with a doc comment that says why, so that
    /// hovering the class shows the reason (the errors themselves are the analyzer's, at their arguments), and the
    /// members every model has, which throw (<see cref="InvalidModelMembers"/>), so that code using the model compiles
    /// and the VIT error is the only error. Written only when the declaration can be re-opened; call
    /// <see cref="CanExplain"/> first.
    /// </summary>
    public static string Explain(ModelSpec spec, ShapeTrace trace)
    {
        var o = new CodeWriter();
        var errors = trace.Violations.Where(v => !v.IsWarning).ToList();
        OpenFile(o, spec);
        o.Line("/// <summary>");
        o.Line($"/// ViT# generated no model code for <c>{Fmt.Xml(spec.ClassName)}</c> because of {(errors.Count == 1 ? "this error" : "these errors")}; fix them and the model appears:");
        foreach (var violation in errors) o.Line($"/// <para>{violation.Id}: {Fmt.Xml(violation.Message)}</para>");
        o.Line("/// </summary>");
        if (InvalidModelMembers.CanWrite(errors))
        {
            InvalidModelMembers.Write(o, spec, errors);
        }
        else
        {
            o.Line($"partial class {Identifier.Escape(spec.ClassName)}");
            o.Line("{");
            o.Line("}");
        }

        foreach (var _ in spec.ContainingTypes) o.Close();
        return o.ToString();
    }

    /// <summary>Whether an invalid model's class can be re-opened to carry <see cref="Explain"/>'s doc comment.</summary>
    public static bool CanExplain(ModelSpec spec) =>
        spec.Declaration is { IsPartial: true, IsRecord: false, IsCompiled: false, Problem: null } && Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(spec.ClassName);

    /// <summary>The instance's precision: the <c>[Precision]</c> until set; setting it reaches the models used as layers.</summary>
    static void WritePrecision(CodeWriter o, EmitScope scope)
    {
        o.Line("/// <inheritdoc/>");
        o.Open("public global::ViT.Precision Precision");
        o.Line($"get => {scope.Compute}.Value;");
        o.Open("set");
        o.Line($"{scope.Compute}.Value = value;");
        o.Line($"foreach ({Nn}.Module child in children()) if (child is global::ViT.IGeneratedModel inner) inner.Precision = value;");
        o.Close();
        o.Close();
        o.Line();
    }

    static void WriteFacts(CodeWriter o, ModelSpec spec, ShapeTrace trace)
    {
        o.Line($"/// <summary>Trainable parameters: {Fmt.Thousands(trace.TotalParameters)}.</summary>");
        o.Line($"public const long ParameterCount = {Fmt.I(trace.TotalParameters)}L;");
        o.Line();
        o.Line($"/// <summary>The input shape without the batch dimension: {trace.InputShape}.</summary>");
        o.Line($"public static global::System.Collections.Generic.IReadOnlyList<long> InputShape {{ get; }} = new long[] {{ {Fmt.Args(trace.InputShape.Dims)} }};");
        o.Line();
        o.Line($"/// <summary>The output shape without the batch dimension: {trace.OutputShape}.</summary>");
        o.Line($"public static global::System.Collections.Generic.IReadOnlyList<long> OutputShape {{ get; }} = new long[] {{ {Fmt.Args(trace.OutputShape.Dims)} }};");
        o.Line();
        o.Line("/// <summary>The layer table worked out at compile time: layer, type, output shape, parameters; and the forward pass's cost per image.</summary>");
        o.Line($"public static global::ViT.ModelSummary ModelSummary {{ get; }} = new global::ViT.ModelSummary({Fmt.Str(spec.ClassName)}, InputShape, OutputShape, new global::ViT.ModelSummaryRow[]");
        o.Line("{");
        foreach (var row in trace.Rows)
        {
            string depth = row.Depth == 0 ? "" : $", Depth: {Fmt.I(row.Depth)}";
            o.Line($"    new global::ViT.ModelSummaryRow({Fmt.Str(row.Name)}, {Fmt.Str(row.Type)}, new long[] {{ {Fmt.Args(row.Shape.Dims)} }}, {Fmt.I(row.Parameters)}L{depth}),");
        }

        o.Line("})");
        o.Line("{");
        o.Line($"    ForwardFlops = {Fmt.I(trace.ForwardFlops)}L,");
        if (spec.Precision != Precision.Float32) o.Line($"    Precision = global::ViT.Precision.{spec.Precision},");
        o.Line($"    ActivationBytes = {Fmt.I(Sizes.Mul(trace.ActivationElements, 4))}L,");
        o.Line("};");
        o.Line();
        o.Line("/// <inheritdoc cref=\"ModelSummary\"/>");
        o.Line("public global::ViT.ModelSummary Summary => ModelSummary;");
        o.Line();
    }

    static void WriteForward(CodeWriter o, EmitScope scope, ModelSpec spec, ShapeTrace trace)
    {
        var input = trace.InputShape;
        string output = trace.OutputShape.Rank == 1 && trace.Steps.Count > 0 ? "Outputs" : "Tensors";
        o.Line("/// <summary>Runs the model on a batch of shape <c>" + input.Batched + "</c>.</summary>");
        o.Line("/// <param name=\"x\">" + (input.IsImage ? "Images" : "Inputs") + ", batch first.</param>");
        o.Line("/// <returns>" + output + " of shape <c>" + trace.OutputShape.Batched + "</c>.</returns>");
        o.Line($"/// <exception cref=\"global::ViT.ShapeMismatchException\">The input is not <c>{input.Batched}</c>.</exception>");
        o.Open($"public override {Tensor} forward({Tensor} x)");
        string checks = string.Concat(input.Dims.Select((d, i) => $" || x.shape[{Fmt.I(i + 1)}] != {Fmt.I(d)}"));
        o.Open($"if (x.ndim != {Fmt.I(input.Rank + 1)}{checks})");
        o.Line($"throw new global::ViT.ShapeMismatchException({Fmt.Str(spec.ClassName)}, {Fmt.Str(input.Batched)}, x.shape);");
        o.Close();
        o.Line();
        ModuleWriter.Forward(scope, trace);
        o.Close();
    }

    // ExportOnnx and the ONNX section: the layers write the nodes, in the order and with the shapes of the forward.
    static void WriteOnnx(CodeWriter o, EmitScope scope, ShapeTrace trace)
    {
        o.Line();
        o.Line("/// <inheritdoc/>");
        o.Line("public void ExportOnnx(string path) => global::ViT.Onnx.OnnxExport.Save(this, path);");
        o.Line();
        o.Line("/// <inheritdoc/>");
        o.Line("public void ExportOnnx(global::System.IO.Stream stream) => global::ViT.Onnx.OnnxExport.Save(this, stream);");
        o.Line();
        o.Line($"/// <summary>The model's ONNX nodes, as its forward in inference form: input {trace.InputShape.Batched}, output {trace.OutputShape.Batched}.</summary>");
        o.Open(OnnxCode.Signature);
        ModuleWriter.Onnx(scope, trace);
        o.Close();
    }

    // ExportPyTorch and the twin's source, written at compile time like the rest (PythonEmitter).
    static void WritePyTorch(CodeWriter o, ModelSpec spec, ShapeTrace trace)
    {
        o.Line();
        o.Line("/// <inheritdoc/>");
        o.Line("public void ExportPyTorch(string path) => global::ViT.PyTorch.PyTorchExport.Save(this, path);");
        o.Line();
        o.Line("/// <inheritdoc/>");
        o.Line("string global::ViT.IGeneratedModel.PyTorchSource => " + Fmt.Verbatim(PythonEmitter.Emit(spec, trace)) + ";");
    }

    /// <summary>The summary as <c>ModelSummary.ToString()</c> prints it, below its first line.</summary>
    public static string SummaryText(ModelSpec spec, ShapeTrace trace) => SummaryTable.Format(
        trace.Rows.Select(r => new SummaryTable.Row(r.Name, r.Type, r.Shape.Dims.ToArray(), r.Parameters, r.Depth)),
        trace.TotalParameters,
        trace.ForwardFlops,
        Sizes.Mul(trace.ActivationElements, 4),
        spec.Precision);
}
