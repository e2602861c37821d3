using Replay.Testing;
using Replay.Testing.Load;
using ScottPlot;

namespace Replay.Reporting.Charts;

/// <summary>Response-time percentiles bucket by bucket, on a logarithmic axis, with the SLO limits drawn in.</summary>
internal static class LatencyChart
{
    public const string Title = "Response time over the incident (from intended send time)";

    public static Plot Create(ReplayReport report)
    {
        var plot = ChartStyle.NewPlot(Title, IncidentClock.Label(report.Window), "response time", timeAxis: true);
        var buckets = Measured(report);
        var all = new List<double>();
        foreach (var (name, colour, pick) in Series)
        {
            var ys = buckets.Select(b => pick(b.ResponseTime)).ToList();
            all.AddRange(ys);
            ChartStyle.Line(plot, buckets.Select(b => X(report, b)).ToArray(), ys.Select(LogScale.Of).ToArray(), colour, name);
        }

        AddLimits(plot, report, all);
        LogScale.ApplyMilliseconds(plot.Axes.Left, Math.Max(all.DefaultIfEmpty(1).Min(), 0.05), all.DefaultIfEmpty(10).Max());
        ChartStyle.Legend(plot);
        return plot;
    }

    public static Plot Overlay(ReplayReport baseline, ReplayReport candidate)
    {
        var plot = ChartStyle.NewPlot("p95 and p99 response time: before and after the fix", IncidentClock.Label(candidate.Window), "response time", timeAxis: true);
        var all = new List<double>();
        foreach (var (report, colour, name) in new[] { (baseline, ChartStyle.Baseline, "before"), (candidate, ChartStyle.Candidate, "after") })
        {
            var buckets = Measured(report);
            var p95 = buckets.Select(b => b.ResponseTime.P95Ms).ToList();
            var p99 = buckets.Select(b => b.ResponseTime.P99Ms).ToList();
            all.AddRange(p95.Concat(p99));
            var xs = buckets.Select(b => IncidentClock.X(b.SourceStart, candidate.Window)).ToArray();
            ChartStyle.Line(plot, xs, p95.Select(LogScale.Of).ToArray(), colour, $"p95 {name} the fix", 1.6f);
            ChartStyle.Line(plot, xs, p99.Select(LogScale.Of).ToArray(), colour, $"p99 {name} the fix", 1.0f, LinePattern.Dotted);
        }

        AddLimits(plot, candidate, all);
        LogScale.ApplyMilliseconds(plot.Axes.Left, Math.Max(all.DefaultIfEmpty(1).Min(), 0.05), all.DefaultIfEmpty(10).Max());
        ChartStyle.Legend(plot);
        return plot;
    }

    private static readonly (string Name, Color Colour, Func<LatencySummary, double> Pick)[] Series =
    [
        ("p50", ChartStyle.P50, s => s.P50Ms),
        ("p95", ChartStyle.P95, s => s.P95Ms),
        ("p99", ChartStyle.P99, s => s.P99Ms),
    ];

    private static List<BucketResult> Measured(ReplayReport report) =>
        report.Result?.Buckets.Where(b => b.ResponseTime.Count > 0).ToList() ?? [];

    private static double X(ReplayReport report, BucketResult bucket) =>
        IncidentClock.X(bucket.SourceStart + (RateChart.BucketSize(report) / 2), report.Window);

    private static void AddLimits(Plot plot, ReplayReport report, List<double> values)
    {
        foreach (var check in report.Verdict.Checks.Where(c => c.Scope == SloCheck.AllEndpoints && c.Metric is "p95 response time" or "p99 response time"))
        {
            var line = plot.Add.HorizontalLine(LogScale.Of(check.LimitValue));
            line.LineColor = ChartStyle.Limit;
            line.LinePattern = LinePattern.Dashed;
            line.LineWidth = 1;
            line.LegendText = $"{check.Metric.Split(' ')[0]} limit {LogScale.Label(check.LimitValue)}";
            values.Add(check.LimitValue);
        }
    }
}
