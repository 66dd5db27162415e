using System.ComponentModel;
using Onnx;
using static TorchSharp.torch;
using static ViT.Onnx.OnnxProtos;

namespace ViT.Onnx;

/// <summary>
/// An ONNX graph being written: what the ONNX section of a generated model calls, one method per operator or per
/// PyTorch module (a Linear is a MatMul and an Add). Values are named by strings; every method adds its nodes and
/// returns the name of its result, and remembers its rank (batch included) so that a Linear on vectors can be a Gemm.
/// A module's parameters are the model's state-dict tensors, written as initializers under their state-dict names.
/// Only operators of the default domain at <see cref="Opset"/> are used, and the batch stays a dynamic dimension:
/// reshapes copy it with 0, and the class token is expanded to it from the input's shape.
/// </summary>
/// <remarks>Generated code calls this; to export a model, call its <c>ExportOnnx</c>.</remarks>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public sealed class OnnxGraph
{
    /// <summary>The operator set the graph is written for: 17, the first with LayerNormalization.</summary>
    public const int Opset = 17;

    /// <summary>The name of the dynamic batch dimension of the input and the output.</summary>
    public const string BatchDimension = "batch";

    readonly IReadOnlyDictionary<string, Tensor> parameters;
    readonly Dictionary<string, int> ranks = new(StringComparer.Ordinal);
    readonly Dictionary<string, int> counts = new(StringComparer.Ordinal);

    internal OnnxGraph(IReadOnlyDictionary<string, Tensor> parameters)
    {
        this.parameters = parameters;
    }

    /// <summary>What has been written so far.</summary>
    internal GraphProto Proto { get; } = new();

    /// <summary>Declares the graph's float32 input <c>[batch, dims...]</c>.</summary>
    internal string Input(string name, IReadOnlyList<long> dims)
    {
        Proto.Input.Add(BatchedFloat(name, dims));
        return Declare(name, dims.Count + 1);
    }

    /// <summary>Declares <paramref name="value"/> the graph's output, renamed <paramref name="name"/>, of shape <c>[batch, dims...]</c>.</summary>
    internal void Output(string value, string name, IReadOnlyList<long> dims)
    {
        var producer = Proto.Node.LastOrDefault(node => node.Output.Contains(value));
        if (producer is null || Proto.Node.Any(node => node.Input.Contains(value)))
        {
            value = Node("Identity", name, new[] { value }, ranks[value]); // the input itself, or a value used further on
        }
        else
        {
            producer.Output[producer.Output.IndexOf(value)] = name;
        }

        Proto.Output.Add(BatchedFloat(name, dims));
    }

    /// <summary>The state-dict tensor <paramref name="name"/> as an initializer of the same name (written once, however often used).</summary>
    public string Parameter(string name)
    {
        if (ranks.ContainsKey(name)) return name;
        if (!parameters.TryGetValue(name, out var tensor))
            throw new InvalidOperationException($"The model has no parameter or buffer '{name}' for its ONNX graph; its state dict has {string.Join(", ", parameters.Keys)}.");
        Proto.Initializer.Add(FloatTensor(name, tensor));
        return Declare(name, (int)tensor.ndim);
    }

    // --- Modules, by their state-dict name -------------------------------------------------------------------------

    /// <summary>PyTorch's <c>Conv2d</c> <paramref name="module"/> (its <c>weight</c> and, with <paramref name="bias"/>, <c>bias</c>), square kernel, equal padding on every side.</summary>
    public string Conv(string x, string module, long kernel, long stride = 1, long padding = 0, long dilation = 1, long groups = 1, bool bias = true)
    {
        var inputs = new List<string> { x, Parameter(module + ".weight") };
        if (bias) inputs.Add(Parameter(module + ".bias"));
        return Node("Conv", module, inputs, ranks[x],
            Attribute("kernel_shape", new[] { kernel, kernel }),
            Attribute("strides", new[] { stride, stride }),
            Attribute("pads", new[] { padding, padding, padding, padding }),
            Attribute("dilations", new[] { dilation, dilation }),
            Attribute("group", groups));
    }

    /// <summary>
    /// PyTorch's <c>Linear</c> <paramref name="module"/>, y = x·Wᵀ + b over the last dimension: a Gemm on <c>[B, F]</c>,
    /// a MatMul by the transposed weight (and an Add) on <c>[B, N, F]</c>. The weight keeps PyTorch's <c>[out, in]</c> layout.
    /// </summary>
    public string Linear(string x, string module, bool bias = true)
    {
        string weight = Parameter(module + ".weight");
        if (ranks[x] == 2)
        {
            var inputs = new List<string> { x, weight };
            if (bias) inputs.Add(Parameter(module + ".bias"));
            return Node("Gemm", module, inputs, 2, Attribute("transB", 1L));
        }

        string y = Node("MatMul", module, new[] { x, Transpose(weight, 1, 0) }, ranks[x]);
        return bias ? Node("Add", module, new[] { y, Parameter(module + ".bias") }, ranks[x]) : y;
    }

    /// <summary>PyTorch's <c>LayerNorm</c> <paramref name="module"/> over the last dimension (its <c>weight</c> and <c>bias</c>).</summary>
    public string LayerNormalization(string x, string module, double epsilon) =>
        Node("LayerNormalization", module, new[] { x, Parameter(module + ".weight"), Parameter(module + ".bias") }, ranks[x],
            Attribute("axis", -1L), Attribute("epsilon", (float)epsilon));

    /// <summary>PyTorch's <c>BatchNorm2d</c> <paramref name="module"/> in evaluation: its running mean and variance, scale and shift.</summary>
    public string BatchNormalization(string x, string module, double epsilon) =>
        Node("BatchNormalization", module,
            new[] { x, Parameter(module + ".weight"), Parameter(module + ".bias"), Parameter(module + ".running_mean"), Parameter(module + ".running_var") },
            ranks[x], Attribute("epsilon", (float)epsilon));

    /// <summary>
    /// The training's normalisation of an image <c>[B, C, H, W]</c>, (x − mean) / std per channel, as the ViT.Data
    /// <c>Normalize</c> transform computes it: a Sub and a Div, so a file takes pixels in [0, 1].
    /// </summary>
    internal string Normalize(string x, IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        string PerChannel(IReadOnlyList<float> values) => Constant(FloatTensor(values, 1, values.Count, 1, 1), 4);
        string centred = Node("Sub", "normalize", new[] { x, PerChannel(mean) }, ranks[x]);
        return Node("Div", "normalize", new[] { centred, PerChannel(std) }, ranks[x]);
    }

    /// <summary>The nodes of a model used as a layer, its state-dict names under <paramref name="prefix"/> (<c>3.</c>).</summary>
    public string Append(IGeneratedModel model, string x, string prefix) => model.AppendOnnx(this, x, prefix);

    // --- Element-wise ------------------------------------------------------------------------------------------------

    /// <summary>max(x, 0).</summary>
    public string Relu(string x) => Unary("Relu", x);

    /// <summary>1 / (1 + e^-x).</summary>
    public string Sigmoid(string x) => Unary("Sigmoid", x);

    /// <summary>tanh(x).</summary>
    public string Tanh(string x) => Unary("Tanh", x);

    /// <summary>SiLU, x·sigmoid(x): two nodes, as opset 17 has no operator for it.</summary>
    public string Silu(string x) => Mul(x, Sigmoid(x));

    /// <summary>x for x ≥ 0, else <paramref name="alpha"/>·x.</summary>
    public string LeakyRelu(string x, double alpha) => Node("LeakyRelu", "LeakyRelu", new[] { x }, ranks[x], Attribute("alpha", (float)alpha));

    /// <summary>x for x ≥ 0, else <paramref name="alpha"/>·(e^x − 1).</summary>
    public string Elu(string x, double alpha) => Node("Elu", "Elu", new[] { x }, ranks[x], Attribute("alpha", (float)alpha));

    /// <summary>Exact GELU, x·(1 + erf(x/√2))/2, written with Erf (the Gelu operator arrives in opset 20; ONNX Runtime fuses these nodes into one).</summary>
    public string Gelu(string x)
    {
        string erf = Unary("Erf", Node("Div", "Gelu", new[] { x, Scalar(Math.Sqrt(2)) }, ranks[x]));
        return Mul(Mul(x, Node("Add", "Gelu", new[] { erf, Scalar(1) }, ranks[x])), Scalar(0.5));
    }

    /// <summary>min(max(x, 0), 6), as Clip between two constants.</summary>
    public string Relu6(string x) => Node("Clip", "Relu6", new[] { x, Scalar(0), Scalar(6) }, ranks[x]);

    /// <summary>x·ReLU6(x + 3)/6 (opset 14's HardSwish).</summary>
    public string HardSwish(string x) => Unary("HardSwish", x);

    /// <summary>ReLU6(x + 3)/6: ONNX's HardSigmoid with PyTorch's slope 1/6 and offset 1/2.</summary>
    public string HardSigmoid(string x) =>
        Node("HardSigmoid", "HardSigmoid", new[] { x }, ranks[x], Attribute("alpha", (float)(1.0 / 6)), Attribute("beta", 0.5f));

    /// <summary>GELU's tanh form, x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))/2, as PyTorch's <c>approximate='tanh'</c> computes it.</summary>
    public string GeluTanh(string x)
    {
        string cubic = Mul(Mul(Mul(x, x), x), 0.044715);
        string inner = Mul(Add(x, cubic), Math.Sqrt(2 / Math.PI));
        return Mul(Mul(x, Add(Tanh(inner), Scalar(1))), 0.5);
    }

    /// <summary>a + b, broadcasting.</summary>
    public string Add(string a, string b) => Node("Add", "Add", new[] { a, b }, Math.Max(ranks[a], ranks[b]));

    /// <summary>a · b, element-wise, broadcasting.</summary>
    public string Mul(string a, string b) => Node("Mul", "Mul", new[] { a, b }, Math.Max(ranks[a], ranks[b]));

    /// <summary>x times a constant.</summary>
    public string Mul(string x, double factor) => Mul(x, Scalar(factor));

    /// <summary>The matrix product over the last two dimensions, batched over the others.</summary>
    public string MatMul(string a, string b) => Node("MatMul", "MatMul", new[] { a, b }, Math.Max(ranks[a], ranks[b]));

    /// <summary>Softmax along <paramref name="axis"/>.</summary>
    public string Softmax(string x, long axis = -1) => Node("Softmax", "Softmax", new[] { x }, ranks[x], Attribute("axis", axis));

    // --- Layout ------------------------------------------------------------------------------------------------------

    /// <summary>The dimensions of x in the order <paramref name="permutation"/>.</summary>
    public string Transpose(string x, params long[] permutation) =>
        Node("Transpose", "Transpose", new[] { x }, permutation.Length, Attribute("perm", permutation));

    /// <summary>x re-read as <paramref name="shape"/>, in row-major order; a 0 keeps that dimension of x (the batch), as ONNX's Reshape allows.</summary>
    public string Reshape(string x, params long[] shape) =>
        Node("Reshape", "Reshape", new[] { x, Constant(Int64Tensor(shape), 1) }, shape.Length);

    /// <summary>Everything after the batch in one dimension: <c>[B, ...]</c> → <c>[B, F]</c>.</summary>
    public string Flatten(string x) => Node("Flatten", "Flatten", new[] { x }, 2, Attribute("axis", 1L));

    /// <summary>The values joined along <paramref name="axis"/>.</summary>
    public string Concat(long axis, params string[] values) => Node("Concat", "Concat", values, ranks[values[0]], Attribute("axis", axis));

    /// <summary>
    /// <paramref name="value"/> (<c>[1, ...]</c>, such as a class token <c>[1, 1, D]</c>) repeated along the batch of
    /// <paramref name="like"/>: the batch is read from like's shape when the graph runs, so it stays dynamic.
    /// </summary>
    public string ExpandToBatch(string value, string like)
    {
        int rank = ranks[value];
        string batch = Node("Shape", "Shape", new[] { like }, 1, Attribute("start", 0L), Attribute("end", 1L));
        string shape = Concat(0, batch, Constant(Int64Tensor(Enumerable.Repeat(1L, rank - 1).ToArray()), 1));
        return Node("Expand", "Expand", new[] { value, shape }, rank);
    }

    /// <summary>Element <paramref name="index"/> along <paramref name="axis"/>, that dimension removed (PyTorch's <c>select</c>).</summary>
    public string Gather(string x, long index, long axis) =>
        Node("Gather", "Gather", new[] { x, Constant(Int64Tensor(new[] { index }, scalar: true), 0) }, ranks[x] - 1, Attribute("axis", axis));

    /// <summary>Elements <paramref name="start"/> to <paramref name="end"/> (exclusive) along <paramref name="axis"/> (PyTorch's <c>narrow</c>).</summary>
    public string Slice(string x, long axis, long start, long end) => Node("Slice", "Slice",
        new[] { x, Constant(Int64Tensor(new[] { start }), 1), Constant(Int64Tensor(new[] { end }), 1), Constant(Int64Tensor(new[] { axis }), 1) }, ranks[x]);

    // --- Pooling -----------------------------------------------------------------------------------------------------

    /// <summary>The largest value of each square window; padding never wins (as PyTorch's <c>max_pool2d</c>).</summary>
    public string MaxPool(string x, long kernel, long stride, long padding = 0) =>
        Node("MaxPool", "MaxPool", new[] { x }, ranks[x], Window(kernel, stride, padding));

    /// <summary>The mean of each square window, padding counted as zeros (PyTorch's <c>avg_pool2d</c> default, count_include_pad).</summary>
    public string AveragePool(string x, long kernel, long stride, long padding = 0) =>
        Node("AveragePool", "AveragePool", new[] { x }, ranks[x], Window(kernel, stride, padding).Append(Attribute("count_include_pad", 1L)).ToArray());

    /// <summary>The mean over <paramref name="axes"/>, which are removed.</summary>
    public string ReduceMean(string x, params long[] axes) =>
        Node("ReduceMean", "ReduceMean", new[] { x }, ranks[x] - axes.Length, Attribute("axes", axes), Attribute("keepdims", 0L));

    /// <summary>
    /// Stands for a node the export cannot write: throws a <see cref="NotSupportedException"/> with <paramref name="reason"/>.
    /// Generated code calls it where a layer has no ONNX form, so that the lines after it stay reachable code.
    /// </summary>
    public string Unsupported(string reason) => throw new NotSupportedException(reason);

    // --- Writing nodes -----------------------------------------------------------------------------------------------

    static AttributeProto[] Window(long kernel, long stride, long padding) => new[]
    {
        Attribute("kernel_shape", new[] { kernel, kernel }),
        Attribute("strides", new[] { stride, stride }),
        Attribute("pads", new[] { padding, padding, padding, padding }),
    };

    string Unary(string op, string x) => Node(op, op, new[] { x }, ranks[x]);

    string Scalar(double value) => Constant(FloatScalar((float)value), 0);

    string Constant(TensorProto value, int rank) => Node("Constant", "Constant", Array.Empty<string>(), rank, Attribute("value", value));

    /// <summary>
    /// Adds one node whose single output is named after <paramref name="scope"/> (the module, or the operator), made
    /// unique: <c>blocks.0.attn.qkv/MatMul</c>, <c>Relu_3</c>. The node is named as its output.
    /// </summary>
    string Node(string op, string scope, IEnumerable<string> inputs, int rank, params AttributeProto[] attributes)
    {
        string wanted = scope == op ? op : scope + "/" + op;
        counts.TryGetValue(wanted, out int seen);
        counts[wanted] = seen + 1;
        string name = seen == 0 ? wanted : wanted + "_" + seen;
        var node = new NodeProto { OpType = op, Name = name };
        foreach (string input in inputs)
        {
            if (!ranks.ContainsKey(input)) throw new InvalidOperationException($"ONNX node {name} reads '{input}', which no earlier node wrote.");
            node.Input.Add(input);
        }

        node.Output.Add(name);
        node.Attribute.AddRange(attributes);
        Proto.Node.Add(node);
        return Declare(name, rank);
    }

    string Declare(string name, int rank)
    {
        if (ranks.ContainsKey(name)) throw new InvalidOperationException($"The ONNX graph already has a value named '{name}'.");
        ranks[name] = rank;
        return name;
    }
}
