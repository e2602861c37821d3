using System.Globalization;
using Replay.Reporting.Markdown;
using Replay.Reporting.Tests.Pdf;
using Replay.Reporting.Tests.Samples;
using Replay.Testing.Reporting;

namespace Replay.Reporting.Tests.Markdown;

public class MarkdownReporterTests
{
    [Theory]
    [InlineData("Failing")]
    [InlineData("Passing")]
    [InlineData("Inconclusive")]
    public async Task The_summary_matches_the_approved_file(string sample)
    {
        // Given a culture that writes numbers differently, which must not leak into the report
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        var report = sample switch { "Failing" => SampleReports.Failing(), "Inconclusive" => SampleReports.Inconclusive(), _ => SampleReports.Passing() };
        var context = new ReportContext(RenderedPdf.TemporaryFolder(), "Sample");

        // When
        string path = (await MarkdownReporter.Default.ReportAsync(report, context, TestContext.Current.CancellationToken)).Single();

        // Then
        string approved = Path.Combine(AppContext.BaseDirectory, "Approved", $"MarkdownReporterTests.{sample}.approved.md");
        string received = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        string expected = await File.ReadAllTextAsync(approved, TestContext.Current.CancellationToken);

        // As Verify does: a mismatch leaves a .received. twin that outlives the run's temporary folder.
        string twin = Path.ChangeExtension(approved, null).Replace(".approved", ".received", StringComparison.Ordinal) + ".md";
        if (received != expected)
        {
            await File.WriteAllTextAsync(twin, received, TestContext.Current.CancellationToken);
        }

        received.Should().Be(expected,
            $"the Markdown summary changed; if intended, copy {twin} over Approved/MarkdownReporterTests.{sample}.approved.md");
        Path.GetFileName(path).Should().Be("Sample-summary.md");
    }

    [Fact]
    public async Task The_job_summary_is_appended_to_when_GitHub_sets_it_and_skipped_otherwise()
    {
        string summary = Path.Combine(RenderedPdf.TemporaryFolder(), "step_summary.md");
        await File.WriteAllTextAsync(summary, "# Earlier step\n", TestContext.Current.CancellationToken);
        var context = new ReportContext(RenderedPdf.TemporaryFolder(), "Sample");

        var written = await new MarkdownReporter(toStepSummary: true, () => summary).ReportAsync(SampleReports.Failing(), context, TestContext.Current.CancellationToken);
        var skipped = await new MarkdownReporter(toStepSummary: true, () => null).ReportAsync(SampleReports.Failing(), context, TestContext.Current.CancellationToken);

        written.Should().BeEmpty();
        skipped.Should().BeEmpty();
        string text = await File.ReadAllTextAsync(summary, TestContext.Current.CancellationToken);
        text.Should().StartWith("# Earlier step\n## Incident replay FAILED: CheckoutOutage.Broken_build_falls_over");
        Directory.GetFiles(context.Directory).Should().BeEmpty();
    }

    [Fact]
    public void A_pipe_in_a_name_does_not_break_the_table()
    {
        var report = SampleReports.Passing() with { TestName = "Outage.A|B" };

        string markdown = MarkdownSummary.Write(report, null);

        markdown.Should().Contain("PASSED: Outage.A\\|B");
    }

    [Fact]
    public void Reporter_problems_are_listed_after_the_verdict_and_absent_when_there_are_none()
    {
        var report = SampleReports.Passing() with { ReporterProblems = ["report: IOException: No space left on device"] };

        string markdown = MarkdownSummary.Write(report, null);

        markdown.Should().Contain("### Reporter problems\n\n- report: IOException: No space left on device\n");
        MarkdownSummary.Write(SampleReports.Passing(), null).Should().NotContain("Reporter problems");
    }
}
