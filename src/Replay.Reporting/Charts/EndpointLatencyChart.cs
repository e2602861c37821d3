using Replay.Testing;
using ScottPlot;

namespace Replay.Reporting.Charts;

/// <summary>
/// Each endpoint's p95 in the replay beside production's p96 during the incident, against the p95 limit: which
/// pages were slow, then and now.
/// </summary>
internal static class EndpointLatencyChart
{
    public const string Title = "p95 per endpoint: replay vs production's p96 during the incident";
    private const int MaxEndpoints = 10;

    public static Plot Create(ReplayReport report)
    {
        var plot = ChartStyle.NewPlot(Title, "response time (ms)", string.Empty);
        var endpoints = (report.Result?.Endpoints ?? []).Where(e => e.Sent > 0).OrderByDescending(e => e.Planned).Take(MaxEndpoints).ToList();
        var bars = new List<Bar>();
        var ticks = new List<(double Position, string Label)>();
        for (int i = 0; i < endpoints.Count; i++)
        {
            var endpoint = endpoints[i];
            double position = endpoints.Count - 1 - i;   // the busiest endpoint at the top
            bars.Add(new Bar { Position = position + 0.18, Value = endpoint.ResponseTime.P95Ms, FillColor = ChartStyle.Achieved, Size = 0.34 });
            if (report.Profile?.FindEndpoint(endpoint.Key)?.P96Milliseconds is { } production)
            {
                bars.Add(new Bar { Position = position - 0.18, Value = production, FillColor = ChartStyle.Production, Size = 0.34 });
            }

            ticks.Add((position, endpoint.Key));
        }

        if (bars.Count > 0)
        {
            var plottable = plot.Add.Bars(bars);
            plottable.Horizontal = true;
        }

        plot.Axes.Left.SetTicks(ticks.Select(t => t.Position).ToArray(), ticks.Select(t => t.Label).ToArray());
        plot.Axes.Left.TickLabelStyle.FontSize = 7.5f;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;

        if (report.Verdict.Checks.FirstOrDefault(c => c.Scope == SloCheck.AllEndpoints && c.Metric == "p95 response time") is { } limit)
        {
            var line = plot.Add.VerticalLine(limit.LimitValue);
            line.LineColor = ChartStyle.Limit;
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = "p95 limit " + LogScale.Label(limit.LimitValue);
        }

        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "replay p95", FillColor = ChartStyle.Achieved });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "production p96", FillColor = ChartStyle.Production });
        plot.Axes.Margins(left: 0, right: 0.1);
        ChartStyle.Legend(plot);
        return plot;
    }
}
