using ViT.Models.Tests.Zoo;
using Xunit.Abstractions;

namespace ViT.Models.Tests;

/// <summary>
/// Every ViT.Models class against its reference, without Python: the reference's state dict, rebuilt from the checked-in
/// fixture (formula weights, the reference's BatchNorm statistics, its names and dtypes), loads strictly, and the logits
/// of the formula input equal those the reference computed.
/// </summary>
public sealed class ZooClassTests(ITestOutputHelper output)
{
    const double Tolerance = 1e-4;

    public static TheoryData<string> Models => new(ZooFixture.Models);

    [Fact]
    public void The_zoo_is_every_fixture() => Assert.Equal(ZooFixture.Models, ZooClass.All.Select(zoo => zoo.Name));

    [Theory]
    [MemberData(nameof(Models))]
    public void Counts_the_references_parameters_and_flops_at_compile_time(string model)
    {
        var fixture = ZooFixture.Load(model);
        var zoo = ZooClass.Named(model);

        Assert.Equal(fixture.Parameters, zoo.ParameterCount);
        Assert.Equal(fixture.ForwardFlops, zoo.ForwardFlops);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Loads_the_references_state_dict_strictly_and_computes_its_logits(string model)
    {
        var fixture = ZooFixture.Load(model);
        var folder = Directory.CreateTempSubdirectory("vit-zoo-");
        try
        {
            using var module = ZooClass.Named(model).Create();

            var difference = ZooReference.LoadStrictlyAndCompare(module, fixture, Path.Combine(folder.FullName, $"{model}.safetensors"));

            output.WriteLine($"{model}: {difference} against {fixture.Reference}");
            Assert.True(difference.Relative < Tolerance, $"{model}: logits differ from {fixture.Reference}'s by {difference.Relative:E2} of the largest (tolerance {Tolerance:E0}).");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
