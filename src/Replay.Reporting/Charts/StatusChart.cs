using Replay.Testing;
using ScottPlot;

namespace Replay.Reporting.Charts;

/// <summary>Responses by status class, and requests that got no response, bucket by bucket.</summary>
internal static class StatusChart
{
    public const string Title = "Responses by status class, and transport errors";

    public static Plot Create(ReplayReport report)
    {
        var plot = ChartStyle.NewPlot(Title, IncidentClock.Label(report.Window), "per second", timeAxis: true);
        var size = RateChart.BucketSize(report);
        double width = size.TotalDays * 0.85;
        var bars = new List<Bar>();
        foreach (var bucket in report.Result?.Buckets ?? [])
        {
            double seconds = Math.Max(bucket.Duration.TotalSeconds, 1e-9);
            double x = IncidentClock.X(bucket.SourceStart + (size / 2), report.Window);
            long serverErrors = bucket.StatusClasses.GetValueOrDefault(5);
            long transport = Math.Max(0, bucket.Errors - serverErrors);
            double bottom = 0;
            foreach (var (count, colour) in new[]
            {
                (bucket.StatusClasses.GetValueOrDefault(2) + bucket.StatusClasses.GetValueOrDefault(1), ChartStyle.Success),
                (bucket.StatusClasses.GetValueOrDefault(3), ChartStyle.Redirect),
                (bucket.StatusClasses.GetValueOrDefault(4), ChartStyle.ClientError),
                (serverErrors, ChartStyle.ServerError),
                (transport, ChartStyle.Transport),
            })
            {
                if (count == 0)
                {
                    continue;
                }

                double top = bottom + (count / seconds);
                bars.Add(new Bar { Position = x, ValueBase = bottom, Value = top, FillColor = colour, Size = width, LineWidth = 0 });
                bottom = top;
            }
        }

        if (bars.Count > 0)
        {
            plot.Add.Bars(bars);
        }

        foreach (var (label, colour) in new[] { ("2xx", ChartStyle.Success), ("3xx", ChartStyle.Redirect), ("4xx", ChartStyle.ClientError), ("5xx", ChartStyle.ServerError), ("no response", ChartStyle.Transport) })
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = label, FillColor = colour });
        }

        ChartStyle.FromZero(plot, 0.15);
        ChartStyle.Legend(plot);
        return plot;
    }
}
