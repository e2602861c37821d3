using Replay.Testing;
using ScottPlot;

namespace Replay.Reporting.Charts;

/// <summary>The charts of one report, by file-name-safe name, in the order the report shows them.</summary>
internal static class ReportCharts
{
    public static IEnumerable<(string Name, Plot Plot)> For(ReplayReport report)
    {
        if (report.Result is null)
        {
            yield break;
        }

        yield return ("rate", RateChart.Create(report));
        yield return ("latency", LatencyChart.Create(report));
        yield return ("service", ServiceTimeChart.Create(report));
        if (report.Result.Generator is { CpuPerSecond.Count: > 0 } generator)
        {
            yield return ("generator", GeneratorChart.Create(report, generator));
        }

        yield return ("status", StatusChart.Create(report));
        yield return ("endpoints", EndpointLatencyChart.Create(report));
        yield return ("percentiles", PercentileChart.Create(report));
        if (report.Resources is { } usage && (usage.Target.Count > 0 || usage.Production.Count > 0))
        {
            yield return ("cpu", ResourceChart.Cpu(report, usage));
            yield return ("memory", ResourceChart.Memory(report, usage));
        }
    }
}
