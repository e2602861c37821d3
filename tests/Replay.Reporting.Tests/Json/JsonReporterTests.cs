using Replay.Reporting.Json;
using Replay.Reporting.Tests.Pdf;
using Replay.Reporting.Tests.Samples;
using Replay.Testing.Reporting;

namespace Replay.Reporting.Tests.Json;

public class JsonReporterTests
{
    [Fact]
    public async Task The_result_round_trips_so_a_report_can_be_re_rendered_later()
    {
        var context = new ReportContext(RenderedPdf.TemporaryFolder(), "Sample");
        var report = SampleReports.Failing();

        string path = (await JsonReporter.Default.ReportAsync(report, context, TestContext.Current.CancellationToken)).Single();
        string json = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        var again = ReplayReportJson.Deserialize(json);

        ReplayReportJson.Serialize(again).Should().Be(json);
        again.Verdict.ToTable().Should().Be(report.Verdict.ToTable());
        again.Result!.Buckets.Should().HaveCount(60);
        again.Resources!.TargetPeakCpuCores.Should().Be(report.Resources!.TargetPeakCpuCores);
        again.Parity.Should().BeEquivalentTo(report.Parity);
        again.Profile!.Coverage.Should().Be(report.Profile!.Coverage);
        Path.GetFileName(path).Should().Be("Sample-result.json");
    }

    [Fact]
    public void A_re_rendered_report_reads_the_same_as_the_original()
    {
        var report = ReplayReportJson.Deserialize(ReplayReportJson.Serialize(SampleReports.Failing()));

        var pdf = RenderedPdf.Of(report, Replay.Reporting.Pdf.PdfReporter.A4);

        pdf.Text.Should().Contain("failed 5 of 9 SLO checks");
    }
}
