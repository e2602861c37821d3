using Replay.Reporting.Charts;
using Replay.Reporting.Pdf;
using Replay.Reporting.Pdf.Blocks;
using Replay.Testing;
using Replay.Testing.Load;

namespace Replay.Reporting.Comparison;

/// <summary>The before/after report as blocks: both verdicts, the figures side by side, the charts overlaid.</summary>
internal static class ComparisonDocument
{
    public static List<IPdfBlock> Build(ReplayComparison comparison)
    {
        var (before, after) = (comparison.Baseline, comparison.Candidate);
        string b = comparison.BaselineLabel, a = comparison.CandidateLabel;
        var blocks = new List<IPdfBlock>
        {
            new ParagraphBlock("Incident verification: before and after the fix", bold: true, size: 20f, color: PdfStyle.Accent),
            new ParagraphBlock($"Incident {ReportText.Window(after.Window)}  ·  {before.TestName} vs {after.TestName}", muted: true),
            new SpacerBlock(8f),
            new SideBySideBlock(
                new VerdictBannerBlock(before.Verdict.Outcome, before.Verdict.Word, Capitalized(b) + ": " + Outcome(before)),
                new VerdictBannerBlock(after.Verdict.Outcome, after.Verdict.Word, Capitalized(a) + ": " + Outcome(after))),
            new SpacerBlock(8f),
            new ParagraphBlock(Conclusion(comparison), bold: true, color: comparison.Inconclusive ? PdfStyle.Inconclusive : null),
            new SpacerBlock(4f),
            new HeadingBlock("Headline figures"),
            new TableBlock([new("Figure", 1.6f), new(Capitalized(b), 1f, true), new(Capitalized(a), 1f, true)], Headline(before, after)),
            new HeadingBlock("SLO verdicts"),
            new TableBlock(
                [new("Scope", 0.8f), new("Metric", 1.5f), new("Limit", 0.9f, true), new(Capitalized(b), 1f, true), new(string.Empty, 0.5f, true),
                 new(Capitalized(a), 1f, true), new(string.Empty, 0.5f, true)],
                Slo(before, after)),
        };
        blocks.AddRange(SloSection.Details(before.Verdict, Capitalized(b) + ": "));
        blocks.AddRange(SloSection.Details(after.Verdict, Capitalized(a) + ": "));
        blocks.AddRange(SloSection.Legend(before.Verdict.Checks.Concat(after.Verdict.Checks)));
        blocks.AddRange(
        [
            PageBreakBlock.Instance,
            new HeadingBlock("Charts"),
            new ChartBlock(LatencyChart.Overlay(before, after), 220f),
            new ChartBlock(RateChart.Overlay(before, after), 200f),
            new ChartBlock(PercentileChart.Overlay(before, after), 200f),
            new HeadingBlock("Endpoints"),
            new TableBlock(
                [new("Endpoint", 2.4f), new("p95 " + b, 1f, true), new("p95 " + a, 1f, true), new("Errors " + b, 1f, true), new("Errors " + a, 1f, true)],
                Endpoints(before, after)),
            new HeadingBlock("Runs compared"),
            new SideBySideBlock(new FactsBlock(Run(before, b)), new FactsBlock(Run(after, a))),
        ]);
        return blocks;
    }

    private static string Outcome(ReplayReport report) => ReportSummary.Sentence(report);

    private static string Conclusion(ReplayComparison c) => c.ProvesTheFix
        ? $"The build {c.BaselineLabel} fell over under the incident's traffic; the build {c.CandidateLabel} holds."
        : c.Inconclusive
            ? $"This comparison proves nothing yet: the replay of the build {(c.Baseline.Verdict.Inconclusive ? c.BaselineLabel : c.CandidateLabel)} " +
              "is INCONCLUSIVE, its load generator fell behind. Replay it again on a machine with more free cores or at a lower plan.rateScale."
        : c.Candidate.Verdict.Passed
            ? $"Both builds met their SLOs: this replay does not reproduce the outage on the build {c.BaselineLabel}."
            : $"The build {c.CandidateLabel} does not meet its SLOs under the incident's traffic: the fix does not hold yet.";

    private static List<IReadOnlyList<TableCell>> Headline(ReplayReport before, ReplayReport after)
    {
        var rows = new List<IReadOnlyList<TableCell>>();
        void Row(string name, Func<ReplayResult, string> figure) =>
            rows.Add([name, before.Result is { } x ? figure(x) : "–", after.Result is { } y ? figure(y) : "–"]);
        Row("Requests sent / planned", r => $"{ReportText.Count(r.Sent)} / {ReportText.Count(r.Planned)}");
        Row("Responses received", r => ReportText.Count(r.Completed));
        Row("Error rate", r => ReportText.Percent(r.ErrorRate));
        Row("p50 response time", r => ReportText.Ms(r.ResponseTime.P50Ms));
        Row("p95 response time", r => ReportText.Ms(r.ResponseTime.P95Ms));
        Row("p99 response time", r => ReportText.Ms(r.ResponseTime.P99Ms));
        Row("p99.9 response time", r => ReportText.Ms(r.ResponseTime.P999Ms));
        Row("Slowest response", r => ReportText.Ms(r.ResponseTime.MaxMs));
        Row("Dropped arrivals", r => ReportText.Count(r.Dropped));
        Row("Unanswered requests", r => ReportText.Count(r.Unanswered));
        Row("p95 service time", r => r.ServiceTime.Count == 0 ? "–" : ReportText.Ms(r.ServiceTime.P95Ms));
        Row("p99 service time", r => r.ServiceTime.Count == 0 ? "–" : ReportText.Ms(r.ServiceTime.P99Ms));
        Row("Scheduler lag p99", r => r.SchedulerLag.Count == 0 ? "–" : ReportText.Ms(r.SchedulerLag.P99Ms));
        Row("Generator CPU, busiest 5 s", r => r.Generator is { CpuPerSecond.Count: > 0 } g ? $"{ReportText.Percent(g.BusiestCpu)} of {g.Cores}" : "not sampled");
        rows.Add(["Target", before.Target?.Description ?? "–", after.Target?.Description ?? "–"]);
        return rows;
    }

    private static List<IReadOnlyList<TableCell>> Slo(ReplayReport before, ReplayReport after)
    {
        var keys = before.Verdict.Checks.Concat(after.Verdict.Checks).Select(c => (c.Scope, c.Metric)).Distinct().ToList();
        return keys.Select(k =>
        {
            var x = before.Verdict.Checks.FirstOrDefault(c => c.Scope == k.Scope && c.Metric == k.Metric);
            var y = after.Verdict.Checks.FirstOrDefault(c => c.Scope == k.Scope && c.Metric == k.Metric);
            return (IReadOnlyList<TableCell>)
            [
                k.Scope, k.Metric, (y ?? x)!.Limit,
                x?.Measured ?? "–", x is null ? "–" : SloSection.Result(x),
                y?.Measured ?? "–", y is null ? "–" : SloSection.Result(y),
            ];
        }).ToList();
    }

    private static List<IReadOnlyList<TableCell>> Endpoints(ReplayReport before, ReplayReport after)
    {
        var x = before.Result?.Endpoints.ToDictionary(e => e.Key) ?? [];
        var y = after.Result?.Endpoints.ToDictionary(e => e.Key) ?? [];
        return x.Keys.Union(y.Keys).OrderByDescending(k => y.GetValueOrDefault(k)?.Planned ?? x[k].Planned).Take(12).Select(k =>
            (IReadOnlyList<TableCell>)
            [
                k,
                x.TryGetValue(k, out var e1) ? ReportText.Ms(e1.ResponseTime.P95Ms) : "–",
                y.TryGetValue(k, out var e2) ? ReportText.Ms(e2.ResponseTime.P95Ms) : "–",
                e1 is null ? "–" : new TableCell(ReportText.Count(e1.Errors), e1.Errors > 0 ? PdfStyle.Fail : null),
                e2 is null ? "–" : new TableCell(ReportText.Count(e2.Errors), e2.Errors > 0 ? PdfStyle.Fail : null),
            ]).ToList();
    }

    private static List<(string, string)> Run(ReplayReport report, string label) =>
    [
        ("Build", label),
        ("Test", report.TestName),
        ("Target", report.Target?.Description ?? "not provisioned"),
        ("Started", ReportText.Instant(report.StartedAt)),
        ("Commit", report.RunEnvironment?.Commit ?? "not known"),
        ("Seed", report.Plan?.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–"),
        ("Snapshot SHA-256", report.SnapshotHash ?? "–"),
    ];

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
