using ViT.Models.Tests.Zoo;
using ViT.Weights;

namespace ViT.Models.Tests;

/// <summary>Every zoo fixture reads, and what it says of its reference hangs together.</summary>
public sealed class ZooFixtureTests
{
    public static TheoryData<string> Models => new(ZooFixture.Models);

    [Theory]
    [MemberData(nameof(Models))]
    public void Reads_a_consistent_fixture(string model)
    {
        var fixture = ZooFixture.Load(model);

        Assert.Equal(model, fixture.Model);
        Assert.Equal(fixture.Parameters, fixture.StateDict.Where(e => e.IsParameter).Sum(e => e.Shape.Aggregate(1L, (a, b) => a * b)));
        Assert.True(fixture.ForwardFlops > 2 * fixture.Parameters, $"{fixture.ForwardFlops} FLOPs for {fixture.Parameters} parameters");
        var statistics = fixture.StateDict.Where(e => e.Name.EndsWith("running_mean", StringComparison.Ordinal) || e.Name.EndsWith("running_var", StringComparison.Ordinal)).ToArray();
        Assert.Equal(statistics.Select(e => e.Name).Order(), fixture.Statistics.Keys.Order());
        Assert.All(statistics, e => Assert.Equal(e.Shape, fixture.Statistics[e.Name].Shape));
        Assert.Equal([fixture.InputShape[0], 1000], fixture.Logits.Shape);
        Assert.Equal(fixture.InputShape[0] * 1000, fixture.Logits.Values.Length);
    }

    [Fact]
    public void A_file_that_is_not_a_fixture_is_an_error_naming_it()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("vit-zoo-").FullName, "NotAFixture.safetensors");
        SafeTensorsFile.Write(path, new Dictionary<string, (long[], float[])> { ["x"] = ([1], [0f]) });

        var error = Assert.Throws<SafeTensorsFormatException>(() => ZooFixture.Read(path));

        Assert.StartsWith(path, error.Message);
        Assert.Contains("the metadata has no state_dict; is it a zoo fixture of tools/zoo_reference.py?", error.Message);
    }
}
