using System.Globalization;
using ViT.Runtime.Tests.Weights;
using ViT.Training;
using ViT.Training.Callbacks;
using ViT.Weights;
using Xunit.Abstractions;

namespace ViT.Runtime.Tests.Training;

/// <summary>
/// The modern recipe's optimizer and weight average against PyTorch: from the timm configuration's fixture weights, three
/// <see cref="Trainer"/> steps with AdamW over <see cref="ParameterGroups"/> and an <see cref="ExponentialMovingAverage"/>
/// must move every parameter as three steps of <c>torch.optim.AdamW</c> over timm's groups do, and the average as the
/// average tools/make_recipe_fixtures.py computes by hand. The groups must be PyTorch's, parameter for parameter.
/// </summary>
public sealed class RecipePyTorchTests(ITestOutputHelper output)
{
    static readonly (IReadOnlyDictionary<string, SafeTensorsEntry> Tensors, IReadOnlyDictionary<string, string> Metadata) Reference =
        SafeTensorsFile.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "recipes", "timm.adamw_ema.safetensors"));

    static double Hyperparameter(string name) => double.Parse(Reference.Metadata[name], CultureInfo.InvariantCulture);

    [Fact]
    public void The_groups_without_weight_decay_are_timms()
    {
        using var model = PyTorchComparison.LoadFixtureWeights("timm");

        var groups = ParameterGroups.Of(model).Build(learningRate: 1e-3, weightDecay: 0.05);

        Assert.Equal(["no_decay", "decay"], groups.Select(group => group.Name));
        Assert.Equal(Reference.Metadata["no_decay"].Split(',').Order(), groups[0].Parameters.Select(p => p.Name).Order());
        Assert.Contains("cls_token", groups[0].Parameters.Select(p => p.Name));
        Assert.Contains("pos_embed", groups[0].Parameters.Select(p => p.Name));
        Assert.Equal((0.0, 0.05), (groups[0].WeightDecay, groups[1].WeightDecay));
        Assert.Equal(model.parameters().Count(), groups.Sum(group => group.Parameters.Count));
    }

    [Fact]
    public void AdamW_over_the_groups_and_the_moving_average_follow_pytorch()
    {
        var reference = Reference.Tensors;
        using var model = PyTorchComparison.LoadFixtureWeights("timm");
        using var batch = PyTorchComparison.Batch(reference);
        var start = model.named_parameters().ToDictionary(named => named.name, named => named.parameter.data<float>().ToArray());
        using var average = new ExponentialMovingAverage(decay: Hyperparameter("ema_decay"), validate: false);
        double rate = Hyperparameter("learning_rate"), decay = Hyperparameter("weight_decay");

        // One batch per epoch, as many epochs as PyTorch's steps.
        var options = new TrainerOptions
        {
            Epochs = int.Parse(Reference.Metadata["steps"], CultureInfo.InvariantCulture), BatchSize = batch.Count, OutputDirectory = null, Device = "cpu",
            LearningRate = rate, Optimizer = m => ParameterGroups.Of(m).AdamW(rate, decay), Callbacks = [average],
        };
        new Trainer(options.ReportingTo(new RecordingReporter())).Fit(model, batch);

        PyTorchComparison.AssertEachParameter(output, "timm", "AdamW update", reference, "update", PyTorchComparison.AdamNoiseFloor, model.named_parameters().Select(named =>
            (named.name, Difference(named.parameter.data<float>().ToArray(), start[named.name]))));
        PyTorchComparison.AssertEachParameter(output, "timm", "EMA", reference, "ema", PyTorchComparison.AdamNoiseFloor, average.Averages.Select(entry =>
            (entry.Key, Difference(entry.Value.data<float>().ToArray(), start[entry.Key]))));
    }

    static float[] Difference(float[] after, float[] before) => after.Zip(before, (a, b) => a - b).ToArray();
}
