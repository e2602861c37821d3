using Replay.Reporting.Fonts;
using ScottPlot;

namespace Replay.Reporting.Charts;

/// <summary>How every chart of the report looks: the embedded font, sizes for print, one palette.</summary>
internal static class ChartStyle
{
    public static readonly Color Planned = Color.FromHex("#7F8C9A");
    public static readonly Color Achieved = Color.FromHex("#1F77B4");
    public static readonly Color Production = Color.FromHex("#E07B00");
    public static readonly Color P50 = Color.FromHex("#2CA02C");
    public static readonly Color P95 = Color.FromHex("#1F77B4");
    public static readonly Color P99 = Color.FromHex("#D62728");
    public static readonly Color Service = Color.FromHex("#17A2B8");
    public static readonly Color Lag = Color.FromHex("#6B2C91");
    public static readonly Color Generator = Color.FromHex("#A86B00");
    public static readonly Color Limit = Color.FromHex("#C62828");
    public static readonly Color Baseline = Color.FromHex("#D62728");
    public static readonly Color Candidate = Color.FromHex("#1B7F3B");
    public static readonly Color Success = Color.FromHex("#8FC79A");
    public static readonly Color Redirect = Color.FromHex("#9DB9D6");
    public static readonly Color ClientError = Color.FromHex("#F2C14E");
    public static readonly Color ServerError = Color.FromHex("#D62728");
    public static readonly Color Transport = Color.FromHex("#6B2C91");

    /// <summary>A plot set up for a page: the report's font, print-sized text, a light grid.</summary>
    public static Plot NewPlot(string title, string xLabel, string yLabel, bool timeAxis = false)
    {
        _ = ReportFonts.Instance;   // registers the embedded faces with ScottPlot before any text is measured
        var plot = new Plot();
        if (timeAxis)
        {
            var axis = plot.Axes.DateTimeTicksBottom();
            axis.TickGenerator = new ScottPlot.TickGenerators.DateTimeAutomatic { LabelFormatter = t => t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) };
        }

        plot.Font.Set(ReportFonts.FamilyName);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.Axes.Title.Label.FontSize = 11;
        plot.Axes.Title.Label.Bold = true;
        foreach (IAxis axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.Label.FontSize = 9;
            axis.Label.Bold = false;
            axis.TickLabelStyle.FontSize = 8;
        }

        plot.Legend.FontSize = 8;
        plot.Legend.FontName = ReportFonts.FamilyName;

        // Left on, ScottPlot swaps in whatever system font it finds "best" for the text: a different face per
        // machine, and none at all where there are no fonts.
        plot.Legend.SetBestFontOnEachRender = false;
        plot.Grid.MajorLineColor = Color.FromHex("#E3E7EC");
        return plot;
    }

    /// <summary>Adds a line series without markers.</summary>
    public static void Line(Plot plot, double[] xs, double[] ys, Color color, string legend, float width = 1.5f, LinePattern? pattern = null)
    {
        var series = plot.Add.Scatter(xs, ys);
        series.Color = color;
        series.LineWidth = width;
        series.MarkerSize = 0;
        series.LegendText = legend;
        if (pattern is { } p)
        {
            series.LinePattern = p;
        }
    }

    /// <summary>Shows the legend in one row under the chart, where it never hides data.</summary>
    public static void Legend(Plot plot)
    {
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.FontSize = 8;
        plot.Legend.SymbolWidth = 14;
    }

    /// <summary>Starts the value axis at zero: rates and resources read wrong from a truncated axis.</summary>
    public static void FromZero(Plot plot, double headroom = 0.12)
    {
        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        plot.Axes.SetLimitsY(0, Math.Max(limits.Top, 1e-9) * (1 + headroom));
    }
}
