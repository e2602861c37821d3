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
    public void The_traffic_read_says_what_was_skipped_by_kind_outside_the_window_and_when()
    {
        // Given
        var report = SampleReports.Passing();
        var diagnostics = new Replay.Testing.Traffic.TrafficDiagnostics(1_000, 12, ["garbage \\x00"])
        {
            SkippedByKind = new Dictionary<string, long> { ["empty"] = 10, ["unparseable"] = 2 },
            RecordsOutsideWindow = 88,
            FirstSeen = DateTimeOffset.Parse("2026-03-10T11:58:00Z", CultureInfo.InvariantCulture),
            LastSeen = DateTimeOffset.Parse("2026-03-10T13:02:00Z", CultureInfo.InvariantCulture),
        };
        report = report with { Profile = report.Profile! with { Diagnostics = diagnostics } };

        // When
        string markdown = MarkdownSummary.Write(report, null);

        // Then
        markdown.Should().Contain("### Traffic read")
            .And.Contain("| Records skipped | 12 of 1,000 (1.2 %): 10 empty, 2 unparseable |")
            .And.Contain("| Times seen | 2026-03-10 11:58:00 UTC to 2026-03-10 13:02:00 UTC |")
            .And.Contain("| Outside the window | 88 records, not replayed |")
            .And.Contain("`garbage \\x00`");
    }

    [Fact]
    public void A_capped_value_pool_is_stated_with_its_true_distinct_count()
    {
        // Given
        var report = SampleReports.Passing();
        var endpoint = report.Profile!.Endpoints[0] with
        {
            Path = "/products/{id}",
            TemplateValues = new Dictionary<string, IReadOnlyList<string>> { ["id"] = Enumerable.Range(0, 1_000).Select(i => $"{i}").ToList() },
            DistinctTemplateValues = new Dictionary<string, long> { ["id"] = 48_210 },
        };
        report = report with { Profile = report.Profile with { Endpoints = [endpoint, .. report.Profile.Endpoints.Skip(1)] } };

        // When
        string markdown = MarkdownSummary.Write(report, null);

        // Then
        markdown.Should().Contain($"| Value pool capped | {endpoint.Method} /products/{{id}} {{id}}: 1,000 of 48,210 distinct values kept (maxValuesPerPlaceholder) |");
    }

    [Fact]
    public void Response_bytes_per_second_are_stated_where_the_source_has_them()
    {
        // Given: one bucket that sent 1.2 MB a second, the others not known
        var report = SampleReports.Passing();
        var profile = report.Profile!;
        var timeline = profile.Timeline.Select((b, i) => b with { ResponseBytes = i == 0 ? (long)(1_200_000 * profile.BucketSize.TotalSeconds) : null }).ToList();
        report = report with { Profile = profile with { Timeline = timeline } };

        // When
        string markdown = MarkdownSummary.Write(report, null);

        // Then
        markdown.Should().Contain("| Response bytes | 1.2 MB/s on average, 1.2 MB/s in the busiest ");
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
