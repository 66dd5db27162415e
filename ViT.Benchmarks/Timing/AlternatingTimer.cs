using System.Diagnostics;

namespace ViT.Benchmarks.Timing;

/// <summary>
/// Times several actions side by side. Each round gives every action one turn of a few calls, and the action that goes
/// first rotates from round to round, so a drift in the machine's speed (these shared machines drift by 20% within
/// minutes) reaches all of them alike. The result is one sample per action per round: milliseconds per call, averaged
/// over the turn, on the wall clock and on the calling thread's CPU clock (<see cref="ThreadCpuClock"/>). Compare
/// actions by the median of their per-round ratios (<see cref="Statistics.MedianRatio"/>).
/// </summary>
public static class AlternatingTimer
{
    /// <summary>Runs <paramref name="rounds"/> rounds after <paramref name="warmupRounds"/> untimed ones.</summary>
    /// <param name="actions">What to time; each call should do the same work.</param>
    /// <param name="rounds">Timed rounds.</param>
    /// <param name="callsPerTurn">Calls of one action per turn.</param>
    /// <param name="warmupRounds">Untimed rounds first (JIT, allocator, thread pools).</param>
    /// <returns>For each action, its per-round milliseconds per call.</returns>
    public static TimedSamples[] Run(IReadOnlyList<Action> actions, int rounds, int callsPerTurn, int warmupRounds = 1)
    {
        if (actions.Count == 0) throw new ArgumentException("nothing to time", nameof(actions));
        if (rounds < 1 || callsPerTurn < 1) throw new ArgumentOutOfRangeException(nameof(rounds), "rounds and calls per turn must be positive.");
        var samples = actions.Select(_ => new TimedSamples(new double[rounds], new double[rounds])).ToArray();
        for (int round = -warmupRounds; round < rounds; round++)
        {
            int first = ((round % actions.Count) + actions.Count) % actions.Count;
            for (int turn = 0; turn < actions.Count; turn++)
            {
                int index = (first + turn) % actions.Count;
                double cpuStart = ThreadCpuClock.NowMs();
                var clock = Stopwatch.StartNew();
                for (int call = 0; call < callsPerTurn; call++) actions[index]();
                if (round < 0) continue;
                samples[index].WallMs[round] = clock.Elapsed.TotalMilliseconds / callsPerTurn;
                samples[index].CpuMs[round] = (ThreadCpuClock.NowMs() - cpuStart) / callsPerTurn;
            }
        }

        return samples;
    }
}
