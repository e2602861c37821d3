using Replay.Reporting.Pdf.Blocks;
using Replay.Testing;
using Replay.Testing.Environments;
using SkiaSharp;

namespace Replay.Reporting.Pdf;

/// <summary>The sections a report is made of, shared by the single-run and the before/after documents.</summary>
internal static class ReportSections
{
    public static IEnumerable<IPdfBlock> Traffic(ReplayReport report)
    {
        yield return new HeadingBlock("Traffic source and coverage");
        if (report.Profile is not { } profile)
        {
            yield return new ParagraphBlock("The traffic could not be read, so nothing was replayed.");
            yield break;
        }

        var facts = new List<(string, string)>
        {
            ("Source", profile.Origin.Description),
            ("Fetched", profile.Origin.FetchedAt is { } f ? ReportText.Instant(f) : "not recorded"),
            ("Snapshot", report.SnapshotPath is { } p ? Path.GetFileName(p) : "none (read live)"),
            ("Timeline", $"{profile.Timeline.Count} buckets of {ReportText.Duration(profile.BucketSize)}"),
            ("Endpoints listed", profile.Endpoints.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Requests in the window", ReportText.Count(profile.TotalRequests)),
            ("Covered by the endpoints", $"{ReportText.Count(profile.CoveredRequests)} ({ReportText.Percent(profile.Coverage)})"),
        };
        facts.AddRange(TrafficDiagnosticsText.Facts(profile));

        yield return new FactsBlock(facts);
        if (profile.Diagnostics is { Samples.Count: > 0 } diagnostics)
        {
            yield return new ParagraphBlock("Skipped records, for example: " + string.Join("  |  ", diagnostics.Samples.Take(3)), muted: true, size: 7.5f);
        }
    }

    public static IEnumerable<IPdfBlock> Parity(ReplayReport report)
    {
        yield return new HeadingBlock("Parity: production vs the replay target");
        if (report.Parity.Count == 0)
        {
            yield return new ParagraphBlock("No parity facts were recorded for this target.");
        }
        else
        {
            yield return new TableBlock(
                [new("Figure", 0.8f), new("Production", 1.1f), new("Target", 1.3f), new("Status", 1.15f), new("Why", 2.5f)],
                report.Parity.Select(f => (IReadOnlyList<TableCell>)[f.Name, f.Production, f.Target, Status(f.Status), f.Note]).ToList());
        }

        if (report.Resources is { } usage && usage.Target.Count > 0)
        {
            string production = usage.Production.Count > 0
                ? $"production peaked at {ReportText.Ratio(usage.ProductionPeakCpuCores)}{Of(usage.ProductionCpuLimitCores)} cores during the incident"
                : "production's usage during the incident is not known";
            yield return new ParagraphBlock(
                $"The target peaked at {ReportText.Ratio(usage.TargetPeakCpuCores)}{Of(usage.TargetCpuLimitCores)} cores during the replay; {production}. ({usage.Source})");
        }
    }

    public static IEnumerable<IPdfBlock> Settings(ReplayReport report)
    {
        yield return new HeadingBlock("Replay settings");
        if (report.Plan is not { } plan)
        {
            yield return new ParagraphBlock("No plan was made.");
            yield break;
        }

        var facts = new List<(string Label, string Value)>
        {
            ("Replay duration", ReportText.Duration(plan.Duration)),
            ("Time compression", $"{ReportText.Ratio(plan.Compression)}x (each bucket keeps the incident's request rate)"),
            ("Rate scale", $"{ReportText.Ratio(plan.RateScale)}x"),
            ("Request order", plan.Order == Replay.Testing.Plans.RequestOrder.Recorded
                ? "recorded: production's own requests, in order, at their own times"
                : plan.Arrivals == Replay.Testing.Plans.ArrivalSpacing.Poisson
                    ? "mixed: each bucket's endpoint mix, shuffled by the seed, arriving at random (Poisson) with each bucket's count exact"
                    : "mixed: each bucket's endpoint mix, shuffled by the seed, evenly spaced"),
            ("Seed", plan.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Requests planned", ReportText.Count(plan.TotalRequests)),
            ("Endpoints replayed", plan.Endpoints.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Uncovered traffic", plan.Coverage >= 1 ? "none: the listed endpoints cover every request"
                : plan.Uncovered == Replay.Testing.Plans.UncoveredTraffic.Spread
                    ? $"{ReportText.Percent(1 - plan.Coverage)} of the window's requests, spread over the listed endpoints"
                    : $"{ReportText.Percent(1 - plan.Coverage)} of the window's requests, left out (plan.uncovered: \"spread\" sends them)"),
        };
        if (plan.TemplateValues.Count > 0)
        {
            facts.Add(("Template values", string.Join("; ", plan.TemplateValues.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{{{p.Key}}}: {p.Value}"))));
        }

        yield return new FactsBlock(facts);
    }

    public static IEnumerable<IPdfBlock> Endpoints(ReplayReport report)
    {
        yield return new HeadingBlock("Endpoints");
        var endpoints = report.Result?.Endpoints ?? [];
        if (endpoints.Count == 0)
        {
            yield return new ParagraphBlock("No request was sent.");
            yield break;
        }

        long planned = Math.Max(1, endpoints.Sum(e => e.Planned));
        yield return new TableBlock(
            [new("Endpoint", 3f), new("Share", 0.8f, true), new("Sent", 0.9f, true), new("Errors", 0.8f, true), new("p50", 0.9f, true),
             new("p95", 0.9f, true), new("p99", 0.9f, true), new("Prod p50", 0.9f, true), new("Prod p96", 0.9f, true)],
            endpoints.OrderByDescending(e => e.Planned).Select(e =>
            {
                var production = report.Profile?.FindEndpoint(e.Key);
                return (IReadOnlyList<TableCell>)
                [
                    e.Key, ReportText.Percent((double)e.Planned / planned), ReportText.Count(e.Sent),
                    new TableCell(ReportText.Count(e.Errors), e.Errors > 0 ? PdfStyle.Fail : null),
                    ReportText.Ms(e.ResponseTime.P50Ms), ReportText.Ms(e.ResponseTime.P95Ms), ReportText.Ms(e.ResponseTime.P99Ms),
                    production?.P50Milliseconds is { } p50 ? ReportText.Ms(p50) : "–", production?.P96Milliseconds is { } p96 ? ReportText.Ms(p96) : "–",
                ];
            }).ToList());
        yield return new ParagraphBlock("Response times are measured from each request's intended send time, so a stalled target cannot hide its stall. " +
            "Prod p50 and p96 are production's own figures during the incident, where the source has them.", muted: true, size: 7.5f);
    }

    public static IEnumerable<IPdfBlock> Errors(ReplayReport report)
    {
        yield return new HeadingBlock("Errors");
        if (report.Failure is { } failure)
        {
            yield return new ParagraphBlock($"The {failure.Stage} stage failed ({failure.ExceptionType}): {failure.Message}", color: PdfStyle.Fail);
        }

        if (report.Result is not { } result)
        {
            yield break;
        }

        var rows = result.StatusCodes.Where(s => s.Key >= 400)
            .Select(s => (IReadOnlyList<TableCell>)[$"HTTP {s.Key}", ReportText.Count(s.Value), ReportText.Percent((double)s.Value / Math.Max(1, result.Sent)), s.Key >= 500 ? "error" : "counted, not an error"])
            .Concat(result.TransportErrors.Select(t => (IReadOnlyList<TableCell>)[$"no response: {t.Key}", ReportText.Count(t.Value), ReportText.Percent((double)t.Value / Math.Max(1, result.Sent)), "error"]))
            .ToList();
        if (result.CheckFailures > 0)
        {
            rows.Add(["failed response check", ReportText.Count(result.CheckFailures), ReportText.Percent((double)result.CheckFailures / Math.Max(1, result.Sent)), "error (answered, but not as expected)"]);
        }

        if (result.Dropped > 0)
        {
            rows.Add(["dropped (not sent)", ReportText.Count(result.Dropped), ReportText.Percent((double)result.Dropped / Math.Max(1, result.Planned)), "the generator hit its in-flight cap"]);
        }

        yield return rows.Count == 0
            ? new ParagraphBlock($"Every one of the {ReportText.Count(result.Completed)} responses was below 400, and every planned request was sent.")
            : new TableBlock([new("Outcome", 1.6f), new("Requests", 1f, true), new("Share", 1f, true), new("Meaning", 2.4f)], rows);
        foreach (var block in ResponseCheckSection.Blocks(result))
        {
            yield return block;
        }

        foreach (string problem in report.ReporterProblems)
        {
            yield return new ParagraphBlock("Reporter problem: " + problem, muted: true);
        }
    }

    public static IEnumerable<IPdfBlock> Reproducibility(ReplayReport report)
    {
        yield return new HeadingBlock("Reproducibility");
        var run = report.RunEnvironment;
        yield return new FactsBlock(
        [
            ("Test", report.TestName),
            ("Commit", run?.Commit ?? "not known"),
            ("Replay.Testing", run?.ToolVersion ?? "not known"),
            ("Runtime", run is null ? "not known" : $"{run.Runtime} on {run.OperatingSystem}"),
            ("Load generator", run is null ? "not known" : $"{run.ProcessorCount} logical processors"),
            ("Seed", report.Plan?.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–"),
            ("Snapshot SHA-256", report.SnapshotHash ?? "–"),
            ("Started", ReportText.Instant(report.StartedAt)),
            ("Run time", ReportText.Duration(report.Elapsed) + " (provisioning, replay and teardown)"),
        ]);
    }

    private static TableCell Status(ParityStatus status) => status switch
    {
        ParityStatus.Enforced => new TableCell("enforced", PdfStyle.Pass),
        ParityStatus.Approximated => new TableCell("approximated", new SKColor(0xA8, 0x6B, 0x00)),
        _ => new TableCell("not matched", PdfStyle.Fail),
    };

    private static string Of(double? limit) => limit is { } l ? $" of {ReportText.Ratio(l)}" : string.Empty;
}
