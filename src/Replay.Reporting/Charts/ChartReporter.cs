using Replay.Testing;
using Replay.Testing.Reporting;

namespace Replay.Reporting.Charts;

/// <summary>
/// Writes each chart of the report as a PNG (<c>{test}-chart-{name}.png</c>), for wikis and pull-request comments.
/// Not among the defaults: the PDF already holds the charts as vectors. Add it to the reporters to get the images.
/// </summary>
public sealed class ChartReporter : IReplayReporter
{
    /// <summary>Creates a reporter writing images of a size in pixels.</summary>
    public ChartReporter(int width = 1200, int height = 560)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 200);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 150);
        Width = width;
        Height = height;
    }

    /// <summary>1200 × 560 pixel images.</summary>
    public static ChartReporter Default { get; } = new();

    /// <summary>The image width in pixels.</summary>
    public int Width { get; }

    /// <summary>The image height in pixels.</summary>
    public int Height { get; }

    /// <inheritdoc />
    public string Name => "chart";

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> ReportAsync(ReplayReport report, ReportContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var paths = new List<string>();
        foreach (var (name, plot) in ReportCharts.For(report))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string path = context.PathFor(Name + "-" + name, "png");

            // Charts are laid out for print; scale them up so their text stays legible at screen size.
            plot.ScaleFactor = Width / 600f;
            plot.SavePng(path, Width, Height);
            paths.Add(path);
        }

        return ValueTask.FromResult<IReadOnlyList<string>>(paths);
    }
}
