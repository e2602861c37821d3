using Replay.Reporting.Charts;
using Replay.Reporting.Pdf.Blocks;
using Replay.Testing;
using Replay.Testing.Load;

namespace Replay.Reporting.Pdf;

/// <summary>
/// The incident-verification report of one replay, as blocks: a first page a manager can read (verdict, window,
/// target, headline figures, the rate curve), then the evidence an engineer checks.
/// </summary>
internal static class IncidentReportDocument
{
    public static List<IPdfBlock> Build(ReplayReport report)
    {
        var blocks = new List<IPdfBlock>
        {
            new ParagraphBlock("Incident verification report", bold: true, size: 20f, color: PdfStyle.Accent),
            new ParagraphBlock($"{report.TestName}  ·  incident {ReportText.Window(report.Window)}", muted: true),
            new SpacerBlock(8f),
            new VerdictBannerBlock(report.Verdict.Outcome, report.Verdict.Word, ReportSummary.Sentence(report)),
            new SpacerBlock(10f),
            new FactsBlock(HeadlineFacts(report).ToList()),
        };

        if (report.Result is not null)
        {
            blocks.Add(new SpacerBlock(6f));
            blocks.Add(new ChartBlock(RateChart.Create(report), 200f));
        }

        blocks.AddRange(SloSection.Blocks(report));
        blocks.Add(PageBreakBlock.Instance);
        blocks.AddRange(ReportSections.Traffic(report));
        blocks.AddRange(ReportSections.Parity(report));
        blocks.AddRange(ReportSections.Settings(report));
        blocks.AddRange(ReportSections.Endpoints(report));
        blocks.AddRange(Charts(report));
        blocks.AddRange(ReportSections.Errors(report));
        blocks.AddRange(ReportSections.Reproducibility(report));
        return blocks;
    }

    public static IEnumerable<(string Label, string Value)> HeadlineFacts(ReplayReport report)
    {
        yield return ("Incident window", ReportText.Window(report.Window));
        yield return ("Target", report.Target is { } t
            ? t.Description.Contains(t.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal) ? t.Description : $"{t.BaseAddress} ({t.Description})"
            : "not provisioned");
        if (report.Profile is { } profile)
        {
            yield return ("Traffic", $"{profile.Origin.Description}: {profile.Endpoints.Count} endpoints covering {ReportText.Percent(profile.Coverage)} of {ReportText.Count(profile.TotalRequests)} requests");
        }

        if (report.Plan is { } plan)
        {
            yield return ("Replay", $"{ReportText.Duration(plan.Duration)} at the incident's rates ({ReportText.Ratio(plan.Compression)}x time compression, rate x{ReportText.Ratio(plan.RateScale)}, seed {plan.Seed})");
        }

        if (report.Result is { } result)
        {
            yield return ("Requests", $"{ReportText.Count(result.Sent)} sent of {ReportText.Count(result.Planned)} planned ({ReportText.Percent(result.AchievedRateRatio)}), {ReportText.Count(result.Dropped)} dropped");
            yield return ("Response time", $"p50 {ReportText.Ms(result.ResponseTime.P50Ms)}, p95 {ReportText.Ms(result.ResponseTime.P95Ms)}, p99 {ReportText.Ms(result.ResponseTime.P99Ms)}, max {ReportText.Ms(result.ResponseTime.MaxMs)} (from the intended send time)");
            yield return ("Service time", result.ServiceTime.Count == 0 ? "not measured: no request got a response"
                : $"p95 {ReportText.Ms(result.ServiceTime.P95Ms)}, p99 {ReportText.Ms(result.ServiceTime.P99Ms)} (from the actual send: the target's own share)");
            yield return ("Errors", $"{ReportText.Percent(result.ErrorRate)} of requests ({ReportText.Count(result.Errors)}: 5xx responses, timeouts and connection failures)");
            yield return ("Unanswered", result.Unanswered == 0 ? "none: every request sent got an HTTP response"
                : $"{ReportText.Count(result.Unanswered)} requests got no response ({string.Join(", ", result.TransportErrors.OrderByDescending(e => e.Value).Select(e => $"{e.Key} {ReportText.Count(e.Value)}"))})");
            yield return ("Load generator", Generator(result));
        }
    }

    // The generator's own health decides whether the other figures mean anything, so it is on the first page.
    private static string Generator(ReplayResult result)
    {
        string lag = result.SchedulerLag.Count == 0 ? "scheduler lag not measured" : $"scheduler lag p99 {ReportText.Ms(result.SchedulerLag.P99Ms)}";
        string cpu = result.Generator is { CpuPerSecond.Count: > 0 } usage
            ? $"CPU {ReportText.Percent(usage.BusiestCpu)} of {usage.Cores} {(usage.Cores == 1 ? "core" : "cores")} over its busiest 5 s (mean {ReportText.Percent(usage.MeanCpu)})"
            : "CPU not sampled";
        return $"{lag}; {cpu}";
    }

    private static IEnumerable<IPdfBlock> Charts(ReplayReport report)
    {
        if (report.Result is null)
        {
            yield break;
        }

        yield return new HeadingBlock("Charts");
        yield return new ChartBlock(LatencyChart.Create(report), 215f);
        yield return new ChartBlock(ServiceTimeChart.Create(report), 215f);
        if (report.Result.Generator is { CpuPerSecond.Count: > 0 } generator)
        {
            yield return new ChartBlock(GeneratorChart.Create(report, generator), 190f);
        }

        yield return new ChartBlock(StatusChart.Create(report), 200f);
        yield return new ChartBlock(EndpointLatencyChart.Create(report), 230f);
        yield return new ChartBlock(PercentileChart.Create(report), 200f);
        if (report.Resources is { } usage && (usage.Target.Count > 0 || usage.Production.Count > 0))
        {
            yield return new ChartBlock(ResourceChart.Cpu(report, usage), 190f);
            yield return new ChartBlock(ResourceChart.Memory(report, usage), 190f);
        }
        else
        {
            yield return new ParagraphBlock("CPU and memory were not sampled for this target, so no resource chart is drawn.", muted: true);
        }
    }
}
