using Replay.Testing;
using Replay.Testing.Load;
using ScottPlot;

namespace Replay.Reporting.Charts;

/// <summary>
/// The load generator's own CPU, second by second, on the incident's clock, with its limit: a generator near its
/// limit measures its own queueing, and the verdict is INCONCLUSIVE.
/// </summary>
internal static class GeneratorChart
{
    public const string Title = "Load generator CPU per second (a generator at its limit measures itself)";

    public static Plot Create(ReplayReport report, GeneratorUsage usage)
    {
        string cores = usage.Cores == 1 ? "1 core" : $"{usage.Cores} cores";
        var plot = ChartStyle.NewPlot(Title, IncidentClock.Label(report.Window), $"% of {cores}", timeAxis: true);
        double compression = report.Plan?.Compression ?? 1;

        // Samples are one per replay second; stretched by the compression they line up with the incident's buckets.
        var xs = usage.CpuPerSecond.Select((_, i) => IncidentClock.X(report.Window.Start + (TimeSpan.FromSeconds(i + 0.5) * compression), report.Window)).ToArray();
        ChartStyle.Line(plot, xs, usage.CpuPerSecond.Select(c => c * 100).ToArray(), ChartStyle.Generator,
            $"CPU (busiest 5 s {ReportText.Percent(usage.BusiestCpu)}, mean {ReportText.Percent(usage.MeanCpu)})");

        var limit = report.Verdict.Checks.FirstOrDefault(c => c.Kind == SloCheckKind.Generator && c.Available && c.Metric.StartsWith("CPU", StringComparison.Ordinal));
        if (limit is not null)
        {
            var line = plot.Add.HorizontalLine(limit.LimitValue * 100);
            line.LineColor = ChartStyle.Limit;
            line.LinePattern = LinePattern.Dashed;
            line.LineWidth = 1;
            line.LegendText = $"limit {ReportText.Percent(limit.LimitValue)} (busiest 5 s)";
        }

        plot.Axes.AutoScale();
        plot.Axes.SetLimitsY(0, Math.Max(115, (usage.CpuPerSecond.DefaultIfEmpty(0).Max() * 100) + 15));
        ChartStyle.Legend(plot);
        return plot;
    }
}
