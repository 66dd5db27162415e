using TorchSharp;
using TorchSharp.Modules;
using ViT.Training;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Cases;

/// <summary>
/// The training step every TorchSharp tutorial writes (one dispose scope per step, <c>zero_grad</c>, forward,
/// cross-entropy, backward, Adam 3e-4) and a forward pass under <c>no_grad</c>, for any classifier module. The research
/// studies vary the step through <see cref="StepOptions"/>; <see cref="StepOptions.Plain"/> is the tutorials' step.
/// </summary>
public sealed class ModuleCase : ITimedCase
{
    const int LogEvery = 50;
    readonly Batch _batch;
    readonly Tensor _images;
    readonly StepOptions _options;
    readonly FlatParameters? _flat;
    readonly OptimizerHelper _optimizer;
    readonly Tensor _lossSum = torch.zeros(1).DetachFromDisposeScope();
    readonly Tensor _correct = torch.zeros(1, ScalarType.Int64).DetachFromDisposeScope();
    long _steps;

    /// <summary>Times <paramref name="model"/> (which the case then owns) on <paramref name="batch"/> with Adam 3e-4.</summary>
    public ModuleCase(string name, nn.Module<Tensor, Tensor> model, Batch batch, StepOptions? options = null)
    {
        options ??= StepOptions.Plain;
        Name = name;
        Model = model;
        _batch = batch;
        _options = options;
        if (options.ChannelsLast) ChannelsLast.Apply(model); // before the flat buffer, which keeps each parameter's layout
        _images = options.ChannelsLast ? ChannelsLast.Of(batch.Images).DetachFromDisposeScope() : batch.Images;
        _flat = options.FlatOptimizer ? FlatParameters.TryCreate(model) : null;
        _optimizer = optim.Adam(_flat is null ? model.parameters() : [_flat.Flat], 3e-4);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The model trained.</summary>
    public nn.Module<Tensor, Tensor> Model { get; }

    /// <summary>What the host last read: the mean loss and the correct count (for <see cref="HostSync"/> other than none).</summary>
    public (double Loss, long Correct) LastRead { get; private set; }

    /// <inheritdoc/>
    public void BeginTraining() => Model.train();

    /// <inheritdoc/>
    public void TrainStep()
    {
        using var scope = _options.DisposeScope ? torch.NewDisposeScope() : null;
        if (_flat is not null) _flat.ZeroGrad();
        else _optimizer.zero_grad();
        var logits = Model.forward(_images);
        var loss = nn.functional.cross_entropy(logits, _batch.Labels);
        loss.backward();
        _optimizer.step();
        switch (_options.Sync)
        {
            case HostSync.EveryStep:
                LastRead = (loss.item<float>(), logits.argmax(1).eq(_batch.Labels).sum().item<long>());
                break;
            case HostSync.OnDevice:
                using (torch.no_grad())
                {
                    _lossSum.add_(loss.detach());
                    _correct.add_(logits.argmax(1).eq(_batch.Labels).sum());
                }

                if (++_steps % LogEvery == 0)
                {
                    LastRead = (_lossSum.item<float>() / LogEvery, _correct.item<long>());
                    _lossSum.zero_();
                    _correct.zero_();
                }

                break;
        }
    }

    /// <inheritdoc/>
    public void BeginInference() => Model.eval();

    /// <inheritdoc/>
    public void InferBatch()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Model.forward(_images);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _optimizer.Dispose();
        _flat?.Dispose();
        if (!ReferenceEquals(_images, _batch.Images)) _images.Dispose();
        _lossSum.Dispose();
        _correct.Dispose();
        Model.Dispose();
    }
}
