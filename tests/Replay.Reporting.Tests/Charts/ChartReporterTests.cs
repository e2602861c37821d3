using Replay.Reporting.Charts;
using Replay.Reporting.Tests.Pdf;
using Replay.Reporting.Tests.Samples;
using Replay.Testing.Reporting;

namespace Replay.Reporting.Tests.Charts;

public class ChartReporterTests
{
    [Fact]
    public async Task Each_chart_becomes_a_png_of_the_asked_size()
    {
        var context = new ReportContext(RenderedPdf.TemporaryFolder(), "Sample");

        var paths = await new ChartReporter(800, 400).ReportAsync(SampleReports.Failing(), context, TestContext.Current.CancellationToken);

        paths.Select(Path.GetFileName).Should().Equal(
            "Sample-chart-rate.png", "Sample-chart-latency.png", "Sample-chart-service.png", "Sample-chart-generator.png", "Sample-chart-status.png", "Sample-chart-endpoints.png",
            "Sample-chart-percentiles.png", "Sample-chart-cpu.png", "Sample-chart-memory.png");
        foreach (string path in paths)
        {
            byte[] png = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
            png.Take(4).Should().Equal(0x89, (byte)'P', (byte)'N', (byte)'G');
            int width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
            int height = (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23];
            (width, height).Should().Be((800, 400));
        }
    }

    [Fact]
    public void The_nines_axis_puts_each_nine_one_step_further()
    {
        PercentileChart.Position(0).Should().Be(0);
        PercentileChart.Position(90).Should().BeApproximately(1, 1e-9);
        PercentileChart.Position(99.9).Should().BeApproximately(3, 1e-9);
    }
}
