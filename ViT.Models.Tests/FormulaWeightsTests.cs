using System.Text.Json;
using ViT.Models.Tests.Zoo;

namespace ViT.Models.Tests;

/// <summary>The C# formula gives Python's values bit for bit (Fixtures/zoo/formula.json, from tools/zoo_reference.py).</summary>
public sealed class FormulaWeightsTests
{
    static readonly JsonElement[] Cases = JsonDocument.Parse(File.ReadAllText(Path.Combine(ZooFixture.Folder, "formula.json")))
        .RootElement.GetProperty("cases").EnumerateArray().ToArray();

    public static TheoryData<string> Names => new(Cases.Select(c => c.GetProperty("name").GetString()!));

    [Theory]
    [MemberData(nameof(Names))]
    public void Reproduces_the_Python_formula_bit_for_bit(string name)
    {
        var expected = Cases.Single(c => c.GetProperty("name").GetString() == name);
        long[] shape = expected.GetProperty("shape").EnumerateArray().Select(s => s.GetInt64()).ToArray();
        uint seed = FormulaWeights.Seed(name);
        Assert.Equal(expected.GetProperty("seed").GetUInt32(), seed);

        FormulaRule? rule = name == FormulaWeights.InputName ? new FormulaRule(0.0, 1.0) : FormulaWeights.RuleFor(name, shape);
        var expectedRule = expected.GetProperty("rule");
        if (expectedRule.ValueKind == JsonValueKind.Null)
        {
            Assert.Null(rule);
            return;
        }

        Assert.Equal(new FormulaRule(expectedRule.GetProperty("offset").GetDouble(), expectedRule.GetProperty("scale").GetDouble()), rule);
        uint[] bits = expected.GetProperty("bits").EnumerateArray().Select(b => b.GetUInt32()).ToArray();
        float[] ours = expected.TryGetProperty("indices", out var indices)
            ? indices.EnumerateArray().Select(i => FormulaWeights.Value(seed, i.GetInt64(), rule!.Value)).ToArray()
            : FormulaWeights.Values(name, shape, rule!.Value); // the whole tensor, as a model is filled
        Assert.Equal(bits, ours.Select(BitConverter.SingleToUInt32Bits));
    }
}
