using Replay.Testing;
using Replay.Testing.Environments.Resources;
using ScottPlot;

namespace Replay.Reporting.Charts;

/// <summary>The clone's CPU or memory during the replay beside production's during the incident, on the incident's clock.</summary>
internal static class ResourceChart
{
    public const string CpuTitle = "CPU: clone during the replay vs production during the incident";
    public const string MemoryTitle = "Memory: clone during the replay vs production during the incident";

    public static Plot Cpu(ReplayReport report, ResourceUsage usage) =>
        Build(report, usage, CpuTitle, "cores", s => s.CpuCores, usage.TargetCpuLimitCores, usage.ProductionCpuLimitCores);

    public static Plot Memory(ReplayReport report, ResourceUsage usage) =>
        Build(report, usage, MemoryTitle, "MiB", s => s.MemoryBytes / 1048576.0,
            usage.TargetMemoryLimitBytes / 1048576.0, usage.ProductionMemoryLimitBytes / 1048576.0);

    private static Plot Build(ReplayReport report, ResourceUsage usage, string title, string unit, Func<ResourceSample, double> value,
        double? targetLimit, double? productionLimit)
    {
        var plot = ChartStyle.NewPlot(title, IncidentClock.Label(report.Window), unit, timeAxis: true);
        double compression = report.Plan?.Compression ?? 1;

        // The clone's samples are in replay time; stretched by the compression they line up with the incident.
        if (usage.Target.Count > 0)
        {
            ChartStyle.Line(plot, usage.Target.Select(s => IncidentClock.X(report.Window.Start + (s.Offset * compression), report.Window)).ToArray(),
                usage.Target.Select(value).ToArray(), ChartStyle.Achieved, "clone (replay)");
        }

        if (usage.Production.Count > 0)
        {
            ChartStyle.Line(plot, usage.Production.Select(s => IncidentClock.X(report.Window.Start + s.Offset, report.Window)).ToArray(),
                usage.Production.Select(value).ToArray(), ChartStyle.Production, "production (incident)");
        }

        Limit(plot, targetLimit, ChartStyle.Achieved, "clone limit");
        Limit(plot, productionLimit, ChartStyle.Production, "production limit");
        ChartStyle.FromZero(plot, 0.15);
        ChartStyle.Legend(plot);
        return plot;
    }

    private static void Limit(Plot plot, double? limit, Color colour, string name)
    {
        if (limit is { } l and > 0)
        {
            var line = plot.Add.HorizontalLine(l);
            line.LineColor = colour;
            line.LinePattern = LinePattern.Dashed;
            line.LineWidth = 1;
            line.LegendText = name;
        }
    }
}
