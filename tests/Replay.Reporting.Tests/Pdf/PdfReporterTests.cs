using Replay.Reporting.Pdf;
using Replay.Reporting.Tests.Samples;
using Replay.Testing;

namespace Replay.Reporting.Tests.Pdf;

public class PdfReporterTests
{
    private static readonly Lazy<RenderedPdf> Failing = new(() => RenderedPdf.Of(SampleReports.Failing(), PdfReporter.A4));

    [Fact]
    public void The_first_page_states_the_verdict_window_target_and_headline_figures()
    {
        string first = Failing.Value.PageTexts[0];

        first.Should().Contain("Incident verification report").And.Contain("FAILED")
            .And.Contain("2026-03-10 12:00 – 13:00 UTC (60 min)")
            .And.Contain("http://127.0.0.1:41234")
            .And.Contain("failed 5 of 9 SLO checks")
            .And.Contain("p95 2.65 s");
    }

    [Fact]
    public void The_first_page_puts_service_time_scheduler_lag_generator_cpu_and_unanswered_requests_beside_response_time()
    {
        string first = Failing.Value.PageTexts[0];

        first.Should().Contain("Service time p95 1.33 s, p99 2.05 s")
            .And.Contain("Unanswered 45 requests got no response (timeout 45)")
            .And.Contain("scheduler lag p99 2.3 ms; CPU 45 % of 2 cores over its busiest 5 s");
    }

    [Fact]
    public void An_inconclusive_replay_says_the_generator_fell_behind_and_what_to_change_on_its_first_page()
    {
        var pdf = RenderedPdf.Of(SampleReports.Inconclusive(), PdfReporter.A4);

        pdf.PageTexts[0].Should().Contain("INCONCLUSIVE").And.Contain("could not be judged: the load generator fell behind")
            .And.Contain("scheduler lag p99 181 ms").And.Contain("plan.rateScale").And.NotContain("PASSED");
        pdf.Subject.Should().EndWith("INCONCLUSIVE (the load generator fell behind; the figures are partly its own)");
        pdf.Text.Should().Contain("verdict is INCONCLUSIVE");
    }

    [Fact]
    public void A_failed_check_prints_its_detail_under_the_table()
    {
        Failing.Value.Text.Should().Contain("status mix like production: GET /cart: 401 × 120 (production: 0.091 % 4xx)");
    }

    [Fact]
    public void A_check_that_could_not_be_made_reads_n_a_and_is_named_in_the_verdict_sentence()
    {
        var pdf = RenderedPdf.Of(SampleReports.Passing(), PdfReporter.A4);

        System.Text.RegularExpressions.Regex.Replace(pdf.PageTexts[0], @"\s+", " ")
            .Should().Contain("met all 8 SLO checks (1 could not be made, shown as n/a: status mix like production)");
        pdf.Text.Should().Contain("no status classes in the traffic source n/a").And.Contain("n/a: the check could not be made");
    }

    [Theory]
    [InlineData("SLO verdict")]
    [InlineData("Traffic source and coverage")]
    [InlineData("Parity: production vs the replay target")]
    [InlineData("Replay settings")]
    [InlineData("Endpoints")]
    [InlineData("Charts")]
    [InlineData("Errors")]
    [InlineData("Reproducibility")]
    public void Every_section_is_there(string heading) => Failing.Value.Text.Should().Contain(heading);

    [Fact]
    public void The_traffic_section_accounts_for_skipped_lines_by_kind_and_lines_outside_the_window()
    {
        // Given
        var report = SampleReports.Failing();
        var diagnostics = new Replay.Testing.Traffic.TrafficDiagnostics(500, 5, ["garbage"])
        {
            SkippedByKind = new Dictionary<string, long> { ["empty"] = 4, ["unparseable"] = 1 },
            RecordsOutsideWindow = 42,
        };

        // When
        string text = RenderedPdf.Of(report with { Profile = report.Profile! with { Diagnostics = diagnostics } }, PdfReporter.A4).Text;

        // Then
        text.Should().Contain("5 of 500").And.Contain("4 empty, 1 unparseable").And.Contain("42 records, not replayed");
    }

    [Fact]
    public void The_slo_table_shows_limits_beside_measured_figures()
    {
        string text = Failing.Value.Text;

        text.Should().Contain("p95 response time").And.Contain("<= 300 ms").And.Contain("2.65 s").And.Contain("FAIL");
        text.Should().Contain("error rate").And.Contain("4.23 %");
    }

    [Fact]
    public void The_reproducibility_block_names_commit_seed_and_snapshot_hash()
    {
        string text = Failing.Value.Text;

        text.Should().Contain("9be335d1c0a4f2b7e6d5c3a1b0f9e8d7c6b5a4f3").And.Contain("4f1c2a9e0b7d3c5a");
    }

    [Theory]
    [InlineData(RateChartTitle)]
    [InlineData("Response time over the incident (from intended send time)")]
    [InlineData(Replay.Reporting.Charts.ServiceTimeChart.Title)]
    [InlineData(Replay.Reporting.Charts.GeneratorChart.Title)]
    [InlineData("Responses by status class, and transport errors")]
    [InlineData("Response-time distribution by percentile")]
    [InlineData("CPU: clone during the replay vs production during the incident")]
    public void Each_chart_is_drawn_once_as_text_not_twice(string chartTitle) =>
        Failing.Value.Occurrences(chartTitle).Should().Be(1, "a fresh ScottPlot plot renders twice unless warmed up off the page");

    [Fact]
    public void Pages_are_numbered_and_the_metadata_names_the_test()
    {
        var pdf = Failing.Value;

        pdf.Pages.Should().BeInRange(3, 8);
        pdf.PageTexts[^1].Should().Contain($"Page {pdf.Pages} of {pdf.Pages}");
        pdf.Title.Should().Be("Incident verification report: CheckoutOutage.Broken_build_falls_over");
        pdf.Author.Should().Be("Replay.Testing");
    }

    [Fact]
    public void A4_and_Letter_give_their_page_sizes()
    {
        var a4 = Failing.Value;
        var letter = RenderedPdf.Of(SampleReports.Passing(), PdfReporter.Letter);

        a4.PageSizes[0].Width.Should().BeApproximately(595.3, 0.5);
        a4.PageSizes[0].Height.Should().BeApproximately(841.9, 0.5);
        letter.PageSizes.Should().AllSatisfy(s => s.Should().Be((612d, 792d)));
        letter.Text.Should().Contain("PASSED").And.Contain("met all 8 SLO checks");
    }

    [Fact]
    public void A_replay_that_never_ran_still_gets_a_report_saying_why()
    {
        var report = new ReplayReport
        {
            TestName = "Outage.Replay",
            Window = SampleReports.Window,
            Verdict = SloVerdict.NotJudged("the environment stage failed"),
            Failure = new ReplayFailure("environment", "EnvironmentProvisioningException", "ShopApp exited with code 3 before /health answered."),
        };

        var pdf = RenderedPdf.Of(report, PdfReporter.A4);

        pdf.Text.Should().Contain("FAILED").And.Contain("did not reach a verdict").And.Contain("ShopApp exited with code 3");
        pdf.Text.Should().Contain("The traffic could not be read");
    }

    [Fact]
    public void Text_without_glyphs_in_the_font_is_replaced_not_dropped()
    {
        var report = SampleReports.Passing() with { TestName = "Outage.Replay_🔥" };

        var pdf = RenderedPdf.Of(report, PdfReporter.A4);

        pdf.Text.Should().Contain("Outage.Replay_?");
    }

    private const string RateChartTitle = "Request rate: production, planned and achieved";
}
