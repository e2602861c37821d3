using Replay.Testing;
using Replay.Testing.Load;
using ScottPlot;

namespace Replay.Reporting.Charts;

/// <summary>
/// Response time p95 beside service time p95, bucket by bucket, with the scheduler's lag drawn in. Response time runs
/// from the intended send, service time from the actual send: where the two lines part, requests waited in the load
/// generator before they left, and the response time is partly the generator's own.
/// </summary>
internal static class ServiceTimeChart
{
    public const string Title = "p95 response time vs service time: a gap is time spent waiting in the generator";

    public static Plot Create(ReplayReport report)
    {
        var plot = ChartStyle.NewPlot(Title, IncidentClock.Label(report.Window), "p95 per bucket", timeAxis: true);
        var buckets = report.Result?.Buckets.Where(b => b.ResponseTime.Count > 0).ToList() ?? [];
        var xs = buckets.Select(b => IncidentClock.X(b.SourceStart + (RateChart.BucketSize(report) / 2), report.Window)).ToArray();
        var response = buckets.Select(b => b.ResponseTime.P95Ms).ToList();
        var service = buckets.Select(b => b.ServiceTime.P95Ms).ToList();
        var all = response.Concat(service.Where(s => s > 0)).ToList();
        ChartStyle.Line(plot, xs, response.Select(LogScale.Of).ToArray(), ChartStyle.P95, "response time (from intended send)");
        ChartStyle.Line(plot, xs, service.Select(LogScale.Of).ToArray(), ChartStyle.Service, "service time (from actual send)");

        // The engine keeps the lag for the whole replay only; one line still shows how it compares with the latencies.
        if (report.Result is { SchedulerLag.Count: > 0 } result)
        {
            var lag = plot.Add.HorizontalLine(LogScale.Of(result.SchedulerLag.P99Ms));
            lag.LineColor = ChartStyle.Lag;
            lag.LinePattern = LinePattern.Dotted;
            lag.LineWidth = 1.2f;
            lag.LegendText = $"scheduler lag p99 {LogScale.Label(result.SchedulerLag.P99Ms)}";
            all.Add(result.SchedulerLag.P99Ms);
        }

        LogScale.ApplyMilliseconds(plot.Axes.Left, Math.Max(all.DefaultIfEmpty(1).Min(), 0.05), all.DefaultIfEmpty(10).Max());
        ChartStyle.Legend(plot);
        return plot;
    }
}
