using ViT.Generators.Diagnostics;
using ViT.Generators.Emit;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;
using ViT.Generators.Shared;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Layers;

/// <summary><c>[Activation(function)]</c>: an element-wise function, for any shape. Also the one place that writes an activation, for the encoder's MLP too.</summary>
public sealed record ActivationLayer(Activation Function) : Layer
{
    public override string AttributeName => "Activation";

    public static Layer Read(AttributeArguments a) =>
        a.Enum("function") is int function ? new ActivationLayer((Activation)function) : new UnreadableLayer(a.AttributeName);

    public override LayerStep? Infer(Shape input, InferenceContext context)
    {
        if (!context.RequireRank(input, "", null, 1, 2, 3) || !context.Defined("function", Function)) return null;
        if (context.Previous is ActivationLayer previous)
        {
            context.Warning(DiagnosticIds.RepeatedActivation, null, $"[Activation({Name(Function)})] comes right after [Activation({Name(previous.Function)})]; one activation between layers is the rule, so the second is probably left over: remove one");
        }

        return context.Step(this, context.SequentialName, input, input, Name(Function), parameters: 0);
    }

    public override void EmitForward(LayerStep step, EmitScope scope) => scope.Code.Line($"x = {Call(Function, "x")};", step.Output.Batched);

    public override void EmitOnnx(LayerStep step, EmitScope scope) => scope.Code.Line($"x = {OnnxCall(Function, "x")};", step.Output.Batched);

    public override void EmitPythonForward(LayerStep step, PythonScope scope) => scope.Code.Line($"x = {PythonCall(Function, "x")}", step.Output.Batched);

    /// <summary>The function applied to <paramref name="x"/>, as TorchSharp code (PyTorch's defaults: exact GELU, slope 0.01, alpha 1).</summary>
    public static string Call(Activation function, string x)
    {
        var (torch, _, arguments, _) = Functions(function);
        return $"{Functional}.{torch}({x}{arguments})";
    }

    /// <summary>The same function as ONNX nodes on the value <paramref name="x"/> of the graph <c>onnx</c> (GELU in its exact, erf form unless it is the tanh one).</summary>
    public static string OnnxCall(Activation function, string x)
    {
        var (_, onnx, arguments, _) = Functions(function);
        return $"onnx.{onnx}({x}{(arguments.Contains("Approximate") ? "" : arguments)})";
    }

    /// <summary>The same function in the PyTorch twin.</summary>
    public static string PythonCall(Activation function, string x) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Functions(function).Python, x);

    /// <summary>Each function's TorchSharp name, OnnxGraph method, arguments after the input, and PyTorch call: one table for all.</summary>
    static (string TorchSharp, string Onnx, string Arguments, string Python) Functions(Activation function) => function switch
    {
        Activation.ReLU => ("relu", "Relu", "", "F.relu({0})"),
        Activation.SiLU => ("silu", "Silu", "", "F.silu({0})"),
        Activation.Tanh => ("tanh", "Tanh", "", "torch.tanh({0})"),
        Activation.Sigmoid => ("sigmoid", "Sigmoid", "", "torch.sigmoid({0})"),
        Activation.LeakyReLU => ("leaky_relu", "LeakyRelu", ", 0.01", "F.leaky_relu({0}, 0.01)"),
        Activation.ELU => ("elu", "Elu", ", 1.0", "F.elu({0}, 1.0)"),
        Activation.ReLU6 => ("relu6", "Relu6", "", "F.relu6({0})"),
        Activation.Hardswish => ("hardswish", "HardSwish", "", "F.hardswish({0})"),
        Activation.Hardsigmoid => ("hardsigmoid", "HardSigmoid", "", "F.hardsigmoid({0})"),
        Activation.GELUTanh => ("gelu", "GeluTanh", ", global::TorchSharp.Modules.GELU.Approximate.tanh", "F.gelu({0}, approximate=\"tanh\")"),
        _ => ("gelu", "Gelu", "", "F.gelu({0})"),
    };

    /// <summary>How summaries and messages name the function.</summary>
    public static string Name(Activation function) => function.ToString();
}
