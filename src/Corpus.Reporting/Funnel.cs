using Corpus.Core.Pipeline;

namespace Corpus.Reporting;

/// <summary>
/// The build's accounting laid out stage by stage: each stage takes what the one before let through and removes its
/// failures, exclusions and (dedup) duplicates. Built from the manifest's counts alone, so the stages add up exactly as
/// the manifest does: the first stage's input is the build's input and the last stage's output is the kept count.
/// </summary>
public static class Funnel
{
    public static IReadOnlyList<FunnelStage> From(BuildReport build)
    {
        var stages = ReportLayout.FunnelStages;
        var removed = stages.Select(_ => new List<CountRow>()).ToList();
        foreach (var (rule, count) in build.ExcludedByRule.OrderBy(r => r.Key, StringComparer.Ordinal))
            removed[StageOf(rule, s => s.RulePrefixes, fallback: "filter")].Add(new CountRow(rule, count));
        foreach (var (reason, count) in build.FailedByReason.OrderBy(r => r.Key, StringComparer.Ordinal))
            removed[StageOf(reason, s => s.FailurePrefixes, fallback: "fetch")].Add(new CountRow($"failed: {reason}", count));
        // A failure the manifest counts but does not break down (older releases) stays visible at the first stage.
        var unexplained = build.Failed - build.FailedByReason.Values.Sum();
        if (unexplained > 0) removed[0].Add(new CountRow("failed: (no reason recorded)", unexplained));
        var unexplainedRules = build.Excluded - build.ExcludedByRule.Values.Sum();
        if (unexplainedRules > 0) removed[StageIndex("filter")].Add(new CountRow("excluded: (no rule recorded)", unexplainedRules));
        if (build.Duplicates > 0) removed[StageIndex("dedup")].Add(new CountRow("duplicates", build.Duplicates));

        var result = new List<FunnelStage>();
        long input = build.Input;
        for (var i = 0; i < stages.Count; i++)
        {
            var output = input - removed[i].Sum(r => r.Count);
            result.Add(new FunnelStage(stages[i].Name, stages[i].Does, input, output, removed[i]));
            input = output;
        }
        return result;
    }

    private static int StageOf(string name, Func<FunnelStageRule, IReadOnlyList<string>> prefixes, string fallback)
    {
        for (var i = 0; i < ReportLayout.FunnelStages.Count; i++)
            if (prefixes(ReportLayout.FunnelStages[i]).Any(p => name.StartsWith(p, StringComparison.Ordinal))) return i;
        return StageIndex(fallback);
    }

    private static int StageIndex(string name)
    {
        for (var i = 0; i < ReportLayout.FunnelStages.Count; i++)
            if (ReportLayout.FunnelStages[i].Name == name) return i;
        throw new InvalidOperationException($"ReportLayout.FunnelStages has no stage '{name}'");
    }
}
