using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace ViT.Generators.Tests.Fuzzing;

/// <summary>
/// The fuzzer of issue 13: seeded random model classes through the generator driver, the compiler and the analyzers
/// (see <see cref="CaseWriter"/> for what is drawn). Every case must give no exception (none thrown, no CS8785, AD0001
/// or VIT9999), no error or warning inside a generated file (and no new error at all where the user's code compiles),
/// the generator and the analyzer must agree on which models are valid, and a generated model's facts must be possible.
/// <para>
/// Time: issue 13 wants every analysis under 100 ms. An analysis is timed as the analyzers' own execution time on the
/// case's compilation, warm; the slow ones are timed again alone, best of three (<see cref="FuzzRun"/>). A loaded
/// machine (CI runners, other tests running beside this one) only adds time, so the test asserts the limit where noise
/// cannot decide: 99% of the cases under 100 ms, and the slowest under ten times that, which an analysis that grows
/// exponentially, or counts to 2^31 as in the issue (3.8 s), cannot meet.
/// </para>
/// <para>
/// CI runs 2,000 cases. More: set <c>VIT_FUZZ_CASES</c> (and <c>VIT_FUZZ_SEED</c> for other cases) and show the counts:
/// <code>VIT_FUZZ_CASES=100000 dotnet test ViT.Generators.Tests --filter FullyQualifiedName~Fuzzing --logger "console;verbosity=detailed"</code>
/// A failing case prints its number and source; <c>VIT_FUZZ_REPLAY=36643,7106</c> runs only those cases of the seed again.
/// </para>
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    const int DefaultCases = 2000;
    const int DefaultSeed = 13;
    const double LoadMargin = 10;

    /// <summary>Cases that show each construct of the DSL and reach the emitter, at least, in a run of the default size.</summary>
    const int MinCasesPerConstruct = 10;

    [Fact]
    public void Fuzzed_models_never_crash_never_generate_broken_code_and_analyse_in_under_100_ms()
    {
        int seed = Setting("VIT_FUZZ_SEED", DefaultSeed);
        var replay = Replay();
        var indices = replay ?? Enumerable.Range(0, Setting("VIT_FUZZ_CASES", DefaultCases)).ToArray();
        int cases = indices.Length;
        var watch = Stopwatch.StartNew();
        var processor = Process.GetCurrentProcess().TotalProcessorTime;
        var tally = FuzzRun.Run(seed, indices);
        output.WriteLine(tally.Summary(seed, watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - processor));
        output.WriteLine(tally.ConstructCounts());

        double limit = CaseRunner.AnalysisLimit.TotalMilliseconds;
        Assert.True(tally.Failed == 0, $"{tally.Failed} of {tally.Cases} cases failed; the first ones:\n\n{tally.FailureReport()}");
        Assert.True(tally.Quantile(0.99) < limit, $"1% of the analyses took {tally.Quantile(0.99):0.0} ms or more");
        Assert.True(tally.SlowestMilliseconds < limit * LoadMargin, $"case {tally.SlowestCase} took {tally.SlowestMilliseconds:0.0} ms to analyse:\n{CaseWriter.Write(seed, tally.SlowestCase)}");
        Assert.True(replay is not null || tally.Accepted > cases / 5, $"only {tally.Accepted} of {cases} cases reached the emitter; the fuzzer must produce valid models too");
        Assert.True(replay is not null || cases < DefaultCases || Enumerable.Range(0, FuzzTally.Constructs.Length).All(i => tally.AcceptedWith(i) >= MinCasesPerConstruct), tally.ConstructCounts());
    }

    /// <summary>The case numbers in <c>VIT_FUZZ_REPLAY</c> (comma-separated), or null when it is not set.</summary>
    static int[]? Replay() =>
        Environment.GetEnvironmentVariable("VIT_FUZZ_REPLAY") is { Length: > 0 } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray()
            : null;

    static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= 0 ? value : fallback;
}
