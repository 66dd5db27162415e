using TorchSharp;
using ViT.Models.Tests.Zoo;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ViT.Models.Tests;

/// <summary>
/// Whole state dicts in both directions with tools/zoo_reference.py (docs/zoo-reference.md; long, optional): our
/// weights into the reference, the reference's <c>state_dict()</c> into ours, for the zoo's classes and the
/// hand-written baselines.
/// </summary>
public sealed class BothDirectionsTests(ITestOutputHelper output)
{
    const double Tolerance = 1e-4;
    const string ExportFolder = "VIT_ZOO_EXPORT_DIR";
    const string ReferenceFolder = "VIT_ZOO_REFERENCE_DIR";
    const string Zoo = "ViT.Models";
    const string Hand = "hand-written";

    public static TheoryData<string, string> Implementations
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string model in ZooFixture.Models) data.Add(Zoo, model);
            foreach (string model in HandWrittenZooTests.Models) data.Add(Hand, model);
            return data;
        }
    }

    static nn.Module<Tensor, Tensor> Create(string implementation, string model) =>
        implementation == Zoo ? ZooClass.Named(model).Create() : HandWrittenZooTests.Create(model);

    [FolderTheory(ExportFolder, "a folder for the weights and logits that tools/zoo_reference.py --check loads into the references")]
    [MemberData(nameof(Implementations))]
    public void Writes_what_the_reference_loads(string implementation, string model)
    {
        string folder = Path.Combine(FolderTheoryAttribute.Folder(ExportFolder)!, implementation);
        var fixture = ZooFixture.Load(model);
        using var module = Create(implementation, model);
        ZooReference.SetFormulaWeights(module, fixture);

        ZooFiles.Write(module, fixture, folder);

        // The files hold what the module computes: a fresh module loading them gives the written logits.
        using var reloaded = Create(implementation, model);
        Assert.Equal(0, ZooFiles.MaxRelativeLogitDifferenceAfterLoading(reloaded, fixture, folder));
    }

    [FolderTheory(ReferenceFolder, "the folder tools/zoo_reference.py --export wrote the references' state dicts and logits to")]
    [MemberData(nameof(Implementations))]
    public void Loads_the_references_state_dict(string implementation, string model)
    {
        var fixture = ZooFixture.Load(model);
        using var module = Create(implementation, model);

        double difference = ZooFiles.MaxRelativeLogitDifferenceAfterLoading(module, fixture, FolderTheoryAttribute.Folder(ReferenceFolder)!);

        output.WriteLine($"{model} ({implementation}): the reference's state dict loads; max relative logit difference {difference:E2}");
        Assert.True(difference < Tolerance, $"{model} ({implementation}): logits differ from {fixture.Reference}'s by {difference:E2} of the largest (tolerance {Tolerance:E0}).");
    }
}
