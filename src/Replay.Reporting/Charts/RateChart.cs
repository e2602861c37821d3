using Replay.Testing;
using ScottPlot;

namespace Replay.Reporting.Charts;

/// <summary>The request rate over the incident: production's curve, the plan, and what was achieved.</summary>
internal static class RateChart
{
    public const string Title = "Request rate: production, planned and achieved";

    public static Plot Create(ReplayReport report)
    {
        var plot = ChartStyle.NewPlot(Title, IncidentClock.Label(report.Window), "requests per second", timeAxis: true);
        if (report.Profile is { } profile)
        {
            var buckets = profile.Timeline.Where(b => b.Start >= report.Window.Start && b.Start < report.Window.End).OrderBy(b => b.Start).ToList();
            Step(plot, buckets.Select(b => b.Start).ToList(), profile.BucketSize,
                buckets.Select(b => b.CoveredRequests / profile.BucketSize.TotalSeconds).ToList(), report.Window,
                ChartStyle.Production, "production during the incident", 2f, null);
        }

        if (report.Result is { } result)
        {
            var starts = result.Buckets.Select(b => b.SourceStart).ToList();
            var size = BucketSize(report);
            Step(plot, starts, size, result.Buckets.Select(b => b.Planned / Seconds(b.Duration)).ToList(), report.Window,
                ChartStyle.Planned, "planned", 1.5f, LinePattern.Dashed);
            Step(plot, starts, size, result.Buckets.Select(b => b.Sent / Seconds(b.Duration)).ToList(), report.Window,
                ChartStyle.Achieved, "achieved (sent)", 1.2f, null);
        }

        ChartStyle.FromZero(plot);
        ChartStyle.Legend(plot);
        return plot;
    }

    public static Plot Overlay(ReplayReport baseline, ReplayReport candidate)
    {
        var plot = ChartStyle.NewPlot("Achieved request rate: before and after the fix", IncidentClock.Label(candidate.Window), "requests per second", timeAxis: true);
        foreach (var (report, colour, name) in new[] { (baseline, ChartStyle.Baseline, "before the fix"), (candidate, ChartStyle.Candidate, "after the fix") })
        {
            if (report.Result is { } result)
            {
                Step(plot, result.Buckets.Select(b => b.SourceStart).ToList(), BucketSize(report),
                    result.Buckets.Select(b => b.Completed / Seconds(b.Duration)).ToList(), candidate.Window, colour, name + " (completed)", 1.5f, null);
            }
        }

        ChartStyle.FromZero(plot);
        ChartStyle.Legend(plot);
        return plot;
    }

    internal static TimeSpan BucketSize(ReplayReport report) =>
        report.Profile?.BucketSize ?? (report.Result is { Buckets.Count: > 1 } r ? r.Buckets[1].SourceStart - r.Buckets[0].SourceStart : TimeSpan.FromMinutes(1));

    private static double Seconds(TimeSpan duration) => Math.Max(duration.TotalSeconds, 1e-9);

    // Rates hold for a whole bucket: draw steps, closing the last bucket at its end.
    private static void Step(Plot plot, IReadOnlyList<DateTimeOffset> starts, TimeSpan size, IReadOnlyList<double> rates,
        IncidentWindow window, Color colour, string legend, float width, LinePattern? pattern)
    {
        if (starts.Count == 0)
        {
            return;
        }

        var xs = new List<double>();
        var ys = new List<double>();
        for (int i = 0; i < starts.Count; i++)
        {
            xs.Add(IncidentClock.X(starts[i], window));
            ys.Add(rates[i]);
            xs.Add(IncidentClock.X(starts[i] + size, window));
            ys.Add(rates[i]);
        }

        ChartStyle.Line(plot, [.. xs], [.. ys], colour, legend, width, pattern);
    }
}
