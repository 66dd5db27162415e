using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace ViT.Onnx;

/// <summary>Small constructors for the ONNX messages the graph writes: attributes, tensors and typed value declarations.</summary>
internal static class OnnxProtos
{
    /// <summary>ONNX's element type for float32 (<c>TensorProto.DataType.FLOAT</c>).</summary>
    public const int Float = (int)TensorProto.Types.DataType.Float;

    /// <summary>ONNX's element type for int64.</summary>
    public const int Int64 = (int)TensorProto.Types.DataType.Int64;

    public static AttributeProto Attribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Attribute(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Attribute(string name, IEnumerable<long> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto Attribute(string name, TensorProto value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Tensor, T = value };

    /// <summary>A float32 tensor with <paramref name="name"/>, holding a copy of <paramref name="tensor"/> (moved to the CPU and converted to float32 first).</summary>
    public static TensorProto FloatTensor(string name, Tensor tensor)
    {
        using var values = tensor.detach().cpu().to_type(ScalarType.Float32).contiguous();
        var proto = new TensorProto { Name = name, DataType = Float };
        proto.Dims.AddRange(values.shape);
        proto.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.data<float>().ToArray().AsSpan())); // ONNX raw data is little-endian, as .NET's supported platforms
        return proto;
    }

    /// <summary>A float32 tensor of <paramref name="dims"/> holding <paramref name="values"/> (row-major).</summary>
    public static TensorProto FloatTensor(IEnumerable<float> values, params long[] dims)
    {
        var proto = new TensorProto { DataType = Float };
        proto.Dims.AddRange(dims);
        proto.FloatData.AddRange(values);
        return proto;
    }

    /// <summary>A float32 scalar (rank 0).</summary>
    public static TensorProto FloatScalar(float value)
    {
        var proto = new TensorProto { DataType = Float };
        proto.FloatData.Add(value);
        return proto;
    }

    /// <summary>An int64 tensor: a vector of <paramref name="values"/>, or a scalar when <paramref name="scalar"/>.</summary>
    public static TensorProto Int64Tensor(IReadOnlyCollection<long> values, bool scalar = false)
    {
        var proto = new TensorProto { DataType = Int64 };
        if (!scalar) proto.Dims.Add(values.Count);
        proto.Int64Data.AddRange(values);
        return proto;
    }

    /// <summary>A float32 value of shape <c>[batch, dims...]</c>, the batch a named (dynamic) dimension.</summary>
    public static ValueInfoProto BatchedFloat(string name, IEnumerable<long> dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = OnnxGraph.BatchDimension });
        foreach (long dim in dims) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = dim });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = Float, Shape = shape } },
        };
    }
}
