using Replay.Reporting.Comparison;
using Replay.Reporting.Tests.Pdf;
using Replay.Reporting.Tests.Samples;

namespace Replay.Reporting.Tests.Comparison;

public class ComparisonPdfReporterTests
{
    [Fact]
    public void Before_and_after_are_side_by_side_and_the_conclusion_is_stated()
    {
        var comparison = new ReplayComparison(SampleReports.Failing(), SampleReports.Passing());
        string path = Path.Combine(RenderedPdf.TemporaryFolder(), "nested", "comparison.pdf");

        ComparisonPdfReporter.A4.Write(comparison, path);
        var pdf = RenderedPdf.Read(path);

        comparison.ProvesTheFix.Should().BeTrue();
        pdf.PageTexts[0].Should().Contain("FAILED").And.Contain("PASSED");
        pdf.Text.Should().Contain("The build before the fix fell over under the incident's traffic; the build after the fix holds.")
            .And.Contain("Headline figures").And.Contain("SLO verdicts").And.Contain("Runs compared")
            .And.Contain("p95 and p99 response time: before and after the fix");
        pdf.Occurrences("Response-time distribution: before and after the fix").Should().Be(1);
    }

    [Fact]
    public void A_fix_that_does_not_hold_is_said_plainly()
    {
        var comparison = new ReplayComparison(SampleReports.Failing(), SampleReports.Failing()) { CandidateLabel = "after hotfix 2" };
        string path = Path.Combine(RenderedPdf.TemporaryFolder(), "comparison.pdf");

        ComparisonPdfReporter.Letter.Write(comparison, path);

        comparison.ProvesTheFix.Should().BeFalse();
        RenderedPdf.Read(path).Text.Should().Contain("The build after hotfix 2 does not meet its SLOs under the incident's traffic");
    }

    [Fact]
    public void An_inconclusive_side_proves_no_fix_and_the_page_says_why()
    {
        var comparison = new ReplayComparison(SampleReports.Failing(), SampleReports.Inconclusive());
        var reversed = new ReplayComparison(SampleReports.Inconclusive(), SampleReports.Passing());
        string path = Path.Combine(RenderedPdf.TemporaryFolder(), "comparison.pdf");

        ComparisonPdfReporter.A4.Write(comparison, path);
        var pdf = RenderedPdf.Read(path);

        comparison.ProvesTheFix.Should().BeFalse();
        reversed.ProvesTheFix.Should().BeFalse("a baseline whose generator fell behind did not show the old build falling over");
        pdf.PageTexts[0].Should().Contain("FAILED").And.Contain("INCONCLUSIVE")
            .And.Contain("This comparison proves nothing yet: the replay of the build after the fix is INCONCLUSIVE")
            .And.Contain("Scheduler lag p99").And.Contain("181 ms");
        pdf.Text.Should().Contain("Before the fix: status mix like production: GET /cart: 401 × 120");
    }
}
