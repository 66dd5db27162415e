namespace ViT.Generators.Tests.Soundness;

/// <summary>The analyzer's verdict on a model group against what the independent builder did with it.</summary>
internal sealed record Judgement(JudgementKind Kind, IReadOnlyList<DesignRule> Rules, string Detail)
{
    public bool IsUnsound => Kind is JudgementKind.AcceptedFailed or JudgementKind.AcceptedOtherShape or JudgementKind.RejectedRan;

    public static Judgement Of(ModelGroup group, IReadOnlyDictionary<string, AnalyzerVerdict> verdicts, BuildResult result)
    {
        var classes = group.Reachable();
        string errors = string.Join(", ", classes.SelectMany(c => verdicts[c.Name].Errors.Select(e => $"{e} in {c.Name}")));
        Judgement Judged(JudgementKind kind, string detail, IReadOnlyList<DesignRule>? rules = null) => new(kind, rules ?? [], $"{group} -> {detail}");

        if (result.Outcome == BuildOutcome.Skipped) return Judged(JudgementKind.Skipped, result.Detail);
        if (errors.Length == 0)
        {
            if (!result.Ran) return Judged(JudgementKind.AcceptedFailed, $"accepted but {result.Failure}: {result.Detail}");
            var inferred = verdicts[group.Outer.Name].Trail;
            if (!inferred.SequenceEqual(result.Trail))
            {
                int at = inferred.Zip(result.Trail).TakeWhile(p => p.First == p.Second).Count();
                return Judged(JudgementKind.AcceptedOtherShape, $"from step {at}: inferred {string.Join("; ", inferred.Skip(at).Take(4))}, torch {string.Join("; ", result.Trail.Skip(at).Take(4))}");
            }

            return Judged(JudgementKind.AcceptedRan, result.Detail);
        }

        if (!result.Ran) return Judged(JudgementKind.RejectedFailed, $"rejected ({errors}); {result.Failure}: {result.Detail}");
        return DesignRules.Excusing(group, verdicts, result) switch
        {
            null => Judged(JudgementKind.RejectedRan, $"rejected ({errors}) but runs: {result.Detail}"),
            var rules when rules.Any(DesignRules.KnownFalseRejections.Contains) => Judged(JudgementKind.RejectedKnownFalse, $"rejected ({errors}) by a known analyzer bug, runs: {result.Detail}", rules),
            var rules => Judged(JudgementKind.RejectedByDesign, $"rejected ({errors}) by design, runs: {result.Detail}", rules),
        };
    }
}
