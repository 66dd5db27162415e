using TorchSharp;
using ViT.Training.Metrics;
using static TorchSharp.torch;

namespace ViT.Training.Callbacks;

/// <summary>
/// An exponential moving average of the model's weights, as timm's <c>ModelEmaV3</c>: after every optimizer update each
/// floating-point entry e of the state dict becomes <see cref="Decay"/> · e + (1 − decay) · w (other entries are
/// copied), evaluated alongside the model after each validation (logged as <c>val_ema_loss</c>, <c>val_ema_acc</c>, …
/// into the epoch's row). The average is part of every checkpoint, so a resumed run continues it exactly;
/// <see cref="CopyTo"/> puts it into a model to use or save.
/// </summary>
public sealed class ExponentialMovingAverage : TrainerCallback, ICheckpointedCallback, IDisposable
{
    /// <summary>The prefix of the averaged weights' validation values.</summary>
    public const string ValidationPrefix = "val_ema_";

    (string Name, Tensor Average, Tensor Current)[] _entries = [];
    Dictionary<string, Tensor>? _restored;
    Tensor? _weight;

    /// <summary>Averages with <paramref name="decay"/> (timm's default 0.9998: about the last 5,000 updates); <paramref name="validate"/> evaluates the average after each validation.</summary>
    public ExponentialMovingAverage(double decay = 0.9998, bool validate = true)
    {
        if (decay is not (> 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(decay), decay, "decay must be in (0, 1), such as 0.9998.");
        Decay = decay;
        Validate = validate;
    }

    /// <summary>The weight of the average so far at each update.</summary>
    public double Decay { get; }

    /// <summary>Whether the average is evaluated on the validation set after each validation.</summary>
    public bool Validate { get; }

    /// <inheritdoc/>
    public string StateKey => "ema";

    /// <summary>The averaged state dict, by name; empty before the fit starts.</summary>
    public IReadOnlyDictionary<string, Tensor> Averages => _entries.ToDictionary(entry => entry.Name, entry => entry.Average);

    /// <inheritdoc/>
    public override void OnFitStart(TrainingContext context)
    {
        DisposeAverages();
        using var noGrad = torch.no_grad();
        _entries = context.Model.state_dict().Select(pair =>
        {
            var average = _restored?.TryGetValue(pair.Key, out var saved) == true ? saved.to(pair.Value.dtype, pair.Value.device) : pair.Value.detach().clone();
            return (pair.Key, average.DetachFromDisposeScope(), pair.Value);
        }).ToArray();
        if (_restored is not null && _restored.Count != _entries.Length)
            throw new CheckpointException(context.ResumedFrom ?? "the checkpoint", $"its moving average holds {_restored.Count} tensors but the model has {_entries.Length}; resume with the model that wrote it.");
        foreach (var saved in _restored?.Values ?? Enumerable.Empty<Tensor>()) saved.Dispose();
        _restored = null;
        var first = _entries.FirstOrDefault(entry => entry.Average.is_floating_point()).Average;
        _weight = torch.tensor(1 - Decay, dtype: first?.dtype ?? ScalarType.Float32, device: first?.device).DetachFromDisposeScope();
    }

    /// <inheritdoc/>
    public override void OnStepEnd(TrainingContext context, StepResult result)
    {
        if (!result.IsUpdate) return;
        using var noGrad = torch.no_grad();
        foreach (var (_, average, current) in _entries)
        {
            if (average.is_floating_point()) average.lerp_(current, average.dtype == _weight!.dtype ? _weight : _weight.to(average.dtype));
            else average.copy_(current);
        }
    }

    /// <inheritdoc/>
    public override void OnValidationEnd(TrainingContext context, int epoch, Evaluation validation)
    {
        if (!Validate || context.Validation is null) return;
        var evaluation = Swapped(context.Model, () => context.Trainer.Evaluate(context.Model, context.Validation, "Validating (EMA)"));
        foreach (var (name, value) in evaluation.Values) context.Log(ValidationPrefix + name, value);
    }

    /// <summary>Copies the average into <paramref name="model"/> (of the trained model's class), for example to save it.</summary>
    public void CopyTo(nn.Module model)
    {
        using var noGrad = torch.no_grad();
        var state = model.state_dict();
        foreach (var (name, average, _) in _entries) state[name].copy_(average);
    }

    /// <summary>Runs <paramref name="work"/> with the averaged weights in <paramref name="model"/>, then puts its own back.</summary>
    T Swapped<T>(nn.Module model, Func<T> work)
    {
        using var scope = torch.NewDisposeScope();
        Tensor[] own;
        using (torch.no_grad())
        {
            own = _entries.Select(entry => entry.Current.clone()).ToArray();
            foreach (var (_, average, current) in _entries) current.copy_(average);
        }
        try
        {
            return work();
        }
        finally
        {
            using var noGrad = torch.no_grad();
            for (int i = 0; i < own.Length; i++) _entries[i].Current.copy_(own[i]);
        }
    }

    /// <inheritdoc/>
    public void SaveState(BinaryWriter writer)
    {
        writer.Write(_entries.Length);
        foreach (var (name, average, _) in _entries)
        {
            writer.Write(name);
            using var host = average.cpu();
            host.Save(writer);
        }
    }

    /// <inheritdoc/>
    public void LoadState(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        _restored = [];
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString();
            _restored[name] = TensorExtensionMethods.Load(reader).DetachFromDisposeScope();
        }
    }

    void DisposeAverages()
    {
        foreach (var (_, average, _) in _entries) average.Dispose();
        _entries = [];
        _weight?.Dispose();
    }

    /// <inheritdoc/>
    public void Dispose() => DisposeAverages();
}
