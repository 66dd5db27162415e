namespace ViT.Training.Callbacks;

/// <summary>
/// Which epochs' checkpoints <see cref="ModelCheckpoint"/> keeps: the <see cref="K"/> best by the monitored value
/// (all when K is -1, none when 0; without a monitor the latest K), and the best one.
/// </summary>
internal sealed class TopKCheckpoints(int k, MonitorMode mode, bool monitored)
{
    readonly List<(int Epoch, double Score)> _kept = [];

    /// <summary>Epochs kept at most; -1 for all.</summary>
    public int K { get; } = k;

    /// <summary>The kept epochs with their scores, best first.</summary>
    public IReadOnlyList<(int Epoch, double Score)> Kept => _kept;

    /// <summary>The best epoch so far and its score; null before the first (or without a monitor).</summary>
    public (int Epoch, double Score)? Best { get; private set; }

    /// <summary>Starts again from the epochs a resumed run finished: those whose checkpoints <paramref name="exists"/> are kept as ranked.</summary>
    public void Restore(IEnumerable<(int Epoch, double Score)> history, Func<int, bool> exists)
    {
        _kept.Clear();
        Best = null;
        foreach (var (epoch, score) in history)
        {
            if (monitored && MonitoredValue.Improves(score, Best?.Score ?? double.NaN, mode)) Best = (epoch, score);
            if (exists(epoch)) _kept.Add((epoch, score));
        }
        Rank();
        if (K >= 0 && _kept.Count > K) _kept.RemoveRange(K, _kept.Count - K);
    }

    /// <summary>Ranks a finished epoch; returns whether its checkpoint is kept, the epochs that drop out, and whether it is the new best.</summary>
    public (bool Keep, IReadOnlyList<int> Evicted, bool IsBest) Offer(int epoch, double score)
    {
        bool isBest = monitored && MonitoredValue.Improves(score, Best?.Score ?? double.NaN, mode);
        if (isBest) Best = (epoch, score);
        if (K == 0) return (false, [], isBest);
        _kept.Add((epoch, score));
        Rank();
        if (K < 0 || _kept.Count <= K) return (true, [], isBest);
        var evicted = _kept.Skip(K).Select(entry => entry.Epoch).ToList();
        _kept.RemoveRange(K, _kept.Count - K);
        return (!evicted.Contains(epoch), evicted.Where(e => e != epoch).ToList(), isBest);
    }

    /// <summary>Best first: by score in the mode's direction (NaN last, an earlier epoch first on a tie), or latest first without a monitor.</summary>
    void Rank()
    {
        var ranked = monitored
            ? _kept.OrderBy(entry => double.IsNaN(entry.Score)).ThenBy(entry => mode == MonitorMode.Min ? entry.Score : -entry.Score).ThenBy(entry => entry.Epoch)
            : _kept.OrderByDescending(entry => entry.Epoch);
        var order = ranked.ToList();
        _kept.Clear();
        _kept.AddRange(order);
    }
}
