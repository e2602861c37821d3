using System.Globalization;
using Replay.Testing;
using Replay.Testing.Load;
using ScottPlot;

namespace Replay.Reporting.Charts;

/// <summary>
/// The response-time distribution as HdrHistogram plots it: percentiles on a logarithmic "nines" axis, so the tail
/// (p99.9, p99.99) is as visible as the median.
/// </summary>
internal static class PercentileChart
{
    public const string Title = "Response-time distribution by percentile";
    private static readonly double[] TickPercentiles = [0, 50, 90, 99, 99.9, 99.99, 99.999];

    public static Plot Create(ReplayReport report) => Build(Title, [(report, ChartStyle.Achieved, "all requests")]);

    public static Plot Overlay(ReplayReport baseline, ReplayReport candidate) =>
        Build("Response-time distribution: before and after the fix",
            [(baseline, ChartStyle.Baseline, "before the fix"), (candidate, ChartStyle.Candidate, "after the fix")]);

    private static Plot Build(string title, IReadOnlyList<(ReplayReport Report, Color Colour, string Name)> series)
    {
        var plot = ChartStyle.NewPlot(title, "percentile", "response time");
        var all = new List<double>();
        double maxX = 2;
        foreach (var (report, colour, name) in series)
        {
            var points = (report.Result?.ResponseTimeDistribution ?? []).Where(p => p.Percentile < 100).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            all.AddRange(points.Select(p => p.Milliseconds));
            maxX = Math.Max(maxX, points.Max(p => Position(p.Percentile)));
            ChartStyle.Line(plot, points.Select(p => Position(p.Percentile)).ToArray(), points.Select(p => LogScale.Of(p.Milliseconds)).ToArray(), colour, name, 1.6f);
        }

        var ticks = TickPercentiles.Where(p => Position(p) <= maxX + 0.01).ToArray();
        plot.Axes.Bottom.SetTicks(ticks.Select(Position).ToArray(), ticks.Select(p => p.ToString("0.###", CultureInfo.InvariantCulture) + "%").ToArray());
        LogScale.ApplyMilliseconds(plot.Axes.Left, Math.Max(all.DefaultIfEmpty(1).Min(), 0.05), all.DefaultIfEmpty(10).Max());
        ChartStyle.Legend(plot);
        return plot;
    }

    // 0 → 0, 90 → 1, 99 → 2, 99.9 → 3: each "nine" one step to the right.
    internal static double Position(double percentile) => Math.Log10(100.0 / Math.Max(100 - percentile, 1e-4));
}
