using TorchSharp;
using TorchSharp.Modules;
using ViT.Training;
using ViT.Training.Metrics;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Training;

/// <summary>The recipe's pieces on their own: schedules, parameter groups, gradient clipping, the per-class metrics.</summary>
public sealed class RecipePieceTests
{
    static double Factor(LearningRateSchedule schedule, long step, long perEpoch = 10, long total = 100) =>
        schedule.Factor(new ScheduleClock(step, perEpoch, total));

    [Fact]
    public void Warmup_rises_linearly_then_the_schedule_runs_over_the_steps_that_remain()
    {
        var schedule = LearningRateSchedule.Cosine.WithWarmup(epochs: 2); // 20 of 100 steps

        Assert.Equal([0.05, 0.10, 0.5, 1.0], new long[] { 0, 1, 9, 19 }.Select(step => Factor(schedule, step)), new Close());
        Assert.Equal(1.0, Factor(schedule, 20), 12);
        Assert.Equal(0.5, Factor(schedule, 60), 12); // halfway through the 80 cosine steps
        Assert.Equal(0.5 * (1 + Math.Cos(Math.PI * 79 / 80)), Factor(schedule, 99), 12);
        Assert.Equal("warmup 2 epochs, then cosine", schedule.Description);
        Assert.True(schedule.SpansRun);
    }

    [Fact]
    public void Step_decay_multiplies_by_gamma_every_so_many_epochs_and_does_not_span_the_run()
    {
        var schedule = LearningRateSchedule.Step(everyEpochs: 3, gamma: 0.1);

        Assert.Equal([1, 1, 0.1, 0.01], new long[] { 0, 29, 30, 65 }.Select(step => Factor(schedule, step)), new Close());
        Assert.False(schedule.SpansRun);
        Assert.Equal("step x0.1 every 3 epochs", schedule.Description);
        Assert.Equal(LearningRateSchedule.Step(3, 0.1), schedule);
        Assert.Equal(0.01 + 0.99 * 0.5, Factor(new CosineDecay(MinFactor: 0.01), 50), 12);
    }

    [Fact]
    public void Parameter_groups_leave_frozen_parameters_out_and_scale_rates_per_parameter()
    {
        using var model = TrainingFixture.SmallModel();
        model.named_parameters().Single(p => p.name == "fc1.weight").parameter.requires_grad = false;

        var groups = ParameterGroups.Of(model).WithLearningRateScale(name => name.StartsWith("fc2.", StringComparison.Ordinal) ? 1 : 0.1).Build(1e-3, 0.05);

        Assert.Equal(
            [("x0.1 no_decay", "fc1.bias", 1e-4, 0.0), ("x1 no_decay", "fc2.bias", 1e-3, 0.0), ("x1 decay", "fc2.weight", 1e-3, 0.05)],
            groups.Select(g => (g.Name, string.Join(",", g.Parameters.Select(p => p.Name)), g.LearningRate, g.WeightDecay)));
        using var optimizer = ParameterGroups.Of(model).AdamW(1e-3);
        Assert.Equal(2, optimizer.ParamGroups.Count()); // one rate: no_decay (both biases) and decay (fc2.weight)
    }

    [Fact]
    public void Parameter_groups_refuse_a_zero_rate_and_a_model_with_nothing_to_train()
    {
        using var model = TrainingFixture.SmallModel();

        var zero = Assert.Throws<ArgumentOutOfRangeException>(() => ParameterGroups.Of(model).WithLearningRateScale(_ => 0).Build(1e-3, 0));
        Assert.Contains("freeze the parameter", zero.Message);
        foreach (var parameter in model.parameters()) parameter.requires_grad = false;
        Assert.Contains("no trainable parameters", Assert.Throws<InvalidOperationException>(() => ParameterGroups.Of(model).Build(1e-3, 0)).Message);
    }

    [Fact]
    public void Gradient_clipping_scales_as_pytorchs_clip_grad_norm()
    {
        torch.manual_seed(3);
        Parameter[] Parameters() => [new(randn(5, 4)), new(randn(7))];
        var mine = Parameters();
        var theirs = mine.Select(p => new Parameter(p.detach().clone())).ToArray();
        foreach (var (a, b) in mine.Zip(theirs))
        {
            a.grad = randn(a.shape) * 3;
            b.grad = a.grad.clone();
        }

        GradientClipping.ClipByNorm(mine.Select(p => p.grad!), maxNorm: 1.5);
        double before = nn.utils.clip_grad_norm_(theirs, 1.5);

        Assert.True(before > 1.5);
        foreach (var (a, b) in mine.Zip(theirs)) Assert.True(a.grad!.allclose(b.grad!, rtol: 1e-6, atol: 1e-7));
        double after = Math.Sqrt(mine.Sum(p => p.grad!.square().sum().item<float>()));
        Assert.Equal(1.5, after, 4);
    }

    [Fact]
    public void Per_class_accuracy_and_the_confusion_matrix_count_each_label()
    {
        // Labels 0, 0, 1, 2, 2, 2; predicted (arg max) 0, 1, 1, 2, 0, 2.
        var output = tensor(new float[,] { { 9, 0, 0 }, { 0, 9, 0 }, { 0, 9, 0 }, { 0, 0, 9 }, { 9, 0, 0 }, { 0, 0, 9 } });
        var labels = tensor(new long[] { 0, 0, 1, 2, 2, 2 });
        var metrics = new MetricSet([new PerClassAccuracy(), new ConfusionMatrix()]);

        using var sums = metrics.Update(new MetricBatch(output, labels, tensor(0.5f)));
        var values = metrics.Values(metrics.Split(sums.data<double>().ToArray()), MetricNames.ValidationPrefix);

        Assert.Equal([0.5, 1.0, 2.0 / 3], new[] { "val_class_acc/0", "val_class_acc/1", "val_class_acc/2" }.Select(name => values[name]));
        Assert.Equal(new long[,] { { 1, 1, 0 }, { 0, 1, 0 }, { 1, 0, 2 } }, ConfusionMatrix.Read(values));
        Assert.Equal(0.5, values["val_loss"]);
        Assert.True(MetricNames.IsFamilyElement("val_confusion/2/0"));
    }

    [Fact]
    public void Metric_names_must_be_unique_and_plain()
    {
        Assert.Contains("Two metrics are named 'acc'", Assert.Throws<ArgumentException>(() => new Trainer(new TrainerOptions { Metrics = [new Accuracy(), new Accuracy()] })).Message);
        Assert.Contains("'val acc' cannot name a metric", Assert.Throws<ArgumentException>(() => new ViT.Training.Callbacks.EarlyStopping("val acc")).Message);
        Assert.Equal("acc_top5", new Accuracy(topK: 5).Name);
    }

    sealed class Close : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-12;
        public int GetHashCode(double value) => 0;
    }
}
