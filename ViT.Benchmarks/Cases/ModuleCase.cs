using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Cases;

/// <summary>
/// The training step every TorchSharp tutorial writes (one dispose scope per step, <c>zero_grad</c>, forward,
/// cross-entropy, backward, Adam) and a forward pass under <c>no_grad</c>, for any classifier module.
/// </summary>
public sealed class ModuleCase : ITimedCase
{
    readonly nn.Module<Tensor, Tensor> _model;
    readonly Batch _batch;
    readonly OptimizerHelper _optimizer;

    /// <summary>Times <paramref name="model"/> (which the case then owns) on <paramref name="batch"/> with Adam 3e-4.</summary>
    public ModuleCase(string name, nn.Module<Tensor, Tensor> model, Batch batch)
    {
        Name = name;
        _model = model;
        _batch = batch;
        _optimizer = optim.Adam(model.parameters(), 3e-4);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public void BeginTraining() => _model.train();

    /// <inheritdoc/>
    public void TrainStep()
    {
        using var scope = torch.NewDisposeScope();
        _optimizer.zero_grad();
        var loss = nn.functional.cross_entropy(_model.forward(_batch.Images), _batch.Labels);
        loss.backward();
        _optimizer.step();
    }

    /// <inheritdoc/>
    public void BeginInference() => _model.eval();

    /// <inheritdoc/>
    public void InferBatch()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        _model.forward(_batch.Images);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
    }
}
