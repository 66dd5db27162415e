using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using TorchSharp;
using ViT.Runtime.Tests.Generated;
using ViT.Weights;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Weights;

/// <summary>
/// Every type PyTorch writes into a state dict, against files PyTorch wrote (tools/make_dtype_fixtures.py): each reads
/// back as PyTorch reads it, loads into a module of another type by conversion, and a BatchNorm network's state dict in
/// PyTorch's own types (num_batches_tracked as I64) loads strictly and gives PyTorch's logits. Saving writes PyTorch's
/// types back, so PyTorch loads ours without a cast (the script's --check).
/// </summary>
public sealed class SafeTensorsTypeTests(ITestOutputHelper output)
{
    static string Fixture(string name) => Path.Combine(PyTorchFixtureTests.Fixtures, name);

    static readonly Dictionary<string, ScalarType> TorchTypes = new()
    {
        ["float64"] = ScalarType.Float64, ["float32"] = ScalarType.Float32, ["float16"] = ScalarType.Float16, ["bfloat16"] = ScalarType.BFloat16,
        ["int64"] = ScalarType.Int64, ["int32"] = ScalarType.Int32, ["int16"] = ScalarType.Int16, ["int8"] = ScalarType.Int8,
        ["uint8"] = ScalarType.Byte, ["bool"] = ScalarType.Bool,
    };

    /// <summary>What PyTorch read back from its own file: each tensor's type, shape and values.</summary>
    static Dictionary<string, (ScalarType Type, long[] Shape, JsonElement[] Values)> Expected()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Fixture("dtypes.json")));
        return json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (
            TorchTypes[p.Value.GetProperty("dtype").GetString()!],
            p.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray(),
            p.Value.GetProperty("values").EnumerateArray().Select(v => v.Clone()).ToArray()));
    }

    [Fact]
    public void Every_type_PyTorch_writes_reads_back_as_PyTorch_reads_it()
    {
        var (tensors, _) = SafeTensorsFile.Read(Fixture("dtypes.safetensors"));
        var expected = Expected();

        Assert.Equal(expected.Keys.Order(), tensors.Keys.Order());
        foreach (var (name, (type, shape, values)) in expected)
        {
            using var tensor = tensors[name].ToTensor();
            Assert.True(type == tensor.dtype, $"{name}: {tensor.dtype}, PyTorch {type}");
            Assert.Equal(shape, tensor.shape);
            if (type == ScalarType.Bool)
                Assert.Equal(values.Select(v => v.GetBoolean()), tensor.data<bool>().ToArray());
            else if (torch.is_integral(type))
                Assert.Equal(values.Select(v => v.GetInt64()), tensor.to_type(ScalarType.Int64).data<long>().ToArray()); // 2^53 + 1 exactly
            else
                Assert.Equal(values.Select(v => v.GetDouble()), tensor.to_type(ScalarType.Float64).data<double>().ToArray());
        }
    }

    /// <summary>A module whose tensors carry the fixture's names but other types: float32 parameters, one int64 buffer.</summary>
    sealed class OtherTypes : nn.Module
    {
        public OtherTypes(IReadOnlyDictionary<string, (ScalarType Type, long[] Shape, JsonElement[] Values)> file) : base(nameof(OtherTypes))
        {
            foreach (var (name, (_, shape, _)) in file)
            {
                if (name == "i64") register_buffer(name, torch.zeros(shape, ScalarType.Int64));
                else register_parameter(name, new TorchSharp.Modules.Parameter(torch.zeros(shape)));
            }
        }
    }

    [Fact]
    public void A_strict_load_converts_every_type_to_the_modules_own()
    {
        var expected = Expected();
        using var module = new OtherTypes(expected);

        var report = ModelWeights.Load(module, Fixture("dtypes.safetensors"));

        Assert.True(report.IsExact, report.ToString());
        var state = module.state_dict();
        foreach (var (name, (type, _, values)) in expected)
        {
            var target = state[name];
            if (name == "i64")
            {
                Assert.Equal(ScalarType.Int64, target.dtype);
                Assert.Equal(values.Select(v => v.GetInt64()), target.data<long>().ToArray());
                continue;
            }
            Assert.Equal(ScalarType.Float32, target.dtype);
            float[] asFloat = values.Select(v => v.ValueKind switch
            {
                JsonValueKind.True => 1f,
                JsonValueKind.False => 0f,
                _ => type == ScalarType.Int64 ? (float)v.GetInt64() : (float)v.GetDouble(),
            }).ToArray();
            Assert.Equal(asFloat, target.data<float>().ToArray());
        }
    }

    [Fact]
    public void PyTorchs_own_state_dict_of_a_BatchNorm_network_loads_strictly_and_gives_its_logits()
    {
        torch.manual_seed(1);
        using var model = new TinyBatchNormNet();

        var report = ModelWeights.Load(model, Fixture("batchnorm.safetensors"));
        var (io, _) = SafeTensorsFile.Read(Fixture("batchnorm.io.safetensors"));
        model.eval();
        using var input = io["__input__"].ToTensor();
        using var logits = model.forward(input);

        Assert.True(report.IsExact, report.ToString());
        var tracked = model.state_dict().Where(p => p.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, tracked.Count);
        Assert.All(tracked, p => Assert.Equal(3L, p.Value.item<long>()));
        double error = PyTorchFixtureTests.MaxRelativeError(logits.data<float>().ToArray(), io["__logits__"].Values);
        output.WriteLine($"batchnorm: max relative logit error against PyTorch {error:E2}");
        Assert.True(error < 1e-5, $"max relative logit error {error:E2}");
    }

    [Fact]
    public void Saving_writes_PyTorchs_types_num_batches_tracked_as_I64_and_parameters_as_F32()
    {
        // Writes what tools/make_dtype_fixtures.py --check DIR loads into PyTorch; VIT_EXPORT_DIR keeps the files.
        string folder = Environment.GetEnvironmentVariable("VIT_EXPORT_DIR") ?? Directory.CreateTempSubdirectory("vit-export-").FullName;
        Directory.CreateDirectory(folder);
        torch.manual_seed(7);
        using var model = new TinyBatchNormNet();
        model.train();
        for (int i = 0; i < 5; i++) model.forward(torch.rand(8, 3, 8, 8) * 3).Dispose();
        model.eval();
        using var input = torch.rand(4, 3, 8, 8);
        using var logits = model.forward(input);
        string path = Path.Combine(folder, "batchnorm.safetensors");

        ModelWeights.Save(model, path);
        SafeTensorsFile.Write(Path.Combine(folder, "batchnorm.io.safetensors"), new Dictionary<string, (long[], float[])>
        {
            ["__input__"] = (input.shape, input.data<float>().ToArray()),
            ["__logits__"] = (logits.shape, logits.data<float>().ToArray()),
        });

        // The header as any reader sees it, without ViT#'s reader.
        byte[] bytes = File.ReadAllBytes(path);
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes)));
        var types = header.RootElement.EnumerateObject().Where(p => p.Name != SafeTensorsFile.MetadataKey)
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("dtype").GetString());
        Assert.Equal(model.state_dict().Keys.Order(), types.Keys.Order());
        Assert.All(types, p => Assert.Equal(p.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal) ? "I64" : "F32", p.Value));
        var shape = header.RootElement.GetProperty("1.num_batches_tracked").GetProperty("shape");
        Assert.Equal(0, shape.GetArrayLength());
        Assert.Equal(5L, BitConverter.ToInt64(bytes, 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes)
            + (int)header.RootElement.GetProperty("1.num_batches_tracked").GetProperty("data_offsets")[0].GetInt64()));
    }
}
