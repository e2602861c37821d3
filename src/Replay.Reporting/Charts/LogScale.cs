using System.Globalization;
using ScottPlot;

namespace Replay.Reporting.Charts;

/// <summary>
/// A logarithmic latency axis: ScottPlot plots log10 of the data, and these ticks label it in ms and s, so a
/// 3 ms baseline and a 5 s outage both stay readable on one chart.
/// </summary>
internal static class LogScale
{
    public static double Of(double milliseconds) => Math.Log10(Math.Max(milliseconds, 0.01));

    public static void ApplyMilliseconds(IAxis axis, double minMs, double maxMs)
    {
        int low = (int)Math.Floor(Math.Log10(Math.Max(minMs, 0.01)));
        int high = (int)Math.Ceiling(Math.Log10(Math.Max(Math.Max(maxMs, minMs * 10), 0.1)));
        var positions = new List<double>();
        var labels = new List<string>();
        for (int power = low; power <= high; power++)
        {
            // 1-2-5 steps while they fit; over more than two decades only every power of ten stays legible.
            foreach (int step in high - low > 2 ? new[] { 1 } : new[] { 1, 2, 5 })
            {
                double ms = step * Math.Pow(10, power);
                if (ms < minMs / 2 || ms > maxMs * 2.5)
                {
                    continue;
                }

                positions.Add(Math.Log10(ms));
                labels.Add(Label(ms));
            }
        }

        axis.SetTicks([.. positions], [.. labels]);
        axis.Min = Math.Log10(Math.Max(minMs / 1.5, 0.01));
        axis.Max = Math.Log10(Math.Max(maxMs * 1.6, minMs * 2));
    }

    public static string Label(double ms) => ms >= 1000
        ? (ms / 1000).ToString("0.##", CultureInfo.InvariantCulture) + " s"
        : ms.ToString("0.###", CultureInfo.InvariantCulture) + " ms";
}
