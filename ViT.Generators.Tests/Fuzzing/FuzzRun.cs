namespace ViT.Generators.Tests.Fuzzing;

/// <summary>
/// Runs the cases of a seed: all of them in parallel, one runner per thread; then each analysis that took more than
/// <see cref="Remeasure"/> is timed again, alone, up to three times, and its best time counts (a slow analysis is slow
/// every time, while threads, other tests and other processes on the machine only ever add to a time).
/// </summary>
internal static class FuzzRun
{
    /// <summary>Analyses slower than this in the parallel pass are timed again alone.</summary>
    public static readonly TimeSpan Remeasure = TimeSpan.FromMilliseconds(20);

    /// <summary>Cases run first and not counted, so that the JIT and the shared references are warm.</summary>
    const int WarmUpCases = 40;

    /// <summary>Runs the cases of <paramref name="seed"/> numbered <paramref name="indices"/> (all from 0 to a count, or the ones to replay).</summary>
    public static FuzzTally Run(int seed, IReadOnlyList<int> indices)
    {
        using var runners = new ThreadLocal<CaseRunner>(() => new CaseRunner());
        Parallel.For(0, WarmUpCases, i => runners.Value!.Run(CaseWriter.Write(seed + 1, i)));
        var outcomes = new CaseOutcome[indices.Count];
        Parallel.For(0, indices.Count, i => outcomes[i] = runners.Value!.Run(CaseWriter.Write(seed, indices[i])));

        var alone = new CaseRunner();
        var tally = new FuzzTally();
        foreach (var outcome in outcomes)
        {
            var fuzzCase = CaseWriter.Write(seed, outcome.Index);
            var time = outcome.AnalysisTime;
            for (int again = 0; again < 3 && time > Remeasure; again++)
            {
                var next = alone.TimeAnalysis(fuzzCase);
                if (next < time) time = next;
            }

            tally.Add(fuzzCase, outcome with { AnalysisTime = time });
        }

        return tally;
    }
}
