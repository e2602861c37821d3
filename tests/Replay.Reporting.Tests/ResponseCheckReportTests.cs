using Replay.Reporting.Json;
using Replay.Reporting.Markdown;
using Replay.Reporting.Tests.Pdf;
using Replay.Reporting.Tests.Samples;
using Replay.Testing;
using Replay.Testing.Load;
using Replay.Testing.Reporting;

namespace Replay.Reporting.Tests;

public class ResponseCheckReportTests
{
    private static ReplayReport WithFailedChecks()
    {
        var report = SampleReports.Failing();
        return report with
        {
            Result = report.Result! with
            {
                CheckedResponses = 1_200,
                CheckFailures = 37,
                CheckExamples =
                [
                    new ResponseCheckExample
                    {
                        Endpoint = "GET /cart",
                        Status = 200,
                        ContentType = "text/html",
                        Check = "contentType",
                        Reason = "Content-Type \"text/html\" is not application/json",
                        Body = "<html>Sign in again, ***</html>",
                    },
                    new ResponseCheckExample
                    {
                        Endpoint = "GET /products/{id}",
                        Status = 200,
                        ContentType = "application/json",
                        Check = "jsonPointer",
                        Reason = "the pointer \"/id\" does not resolve in its first 64 KiB (the body was truncated)",
                        Body = "{\"items\": [1, 2",
                        Truncated = true,
                    },
                ],
            },
        };
    }

    [Fact]
    public async Task The_markdown_lists_failed_checks_with_their_examples()
    {
        var context = new ReportContext(RenderedPdf.TemporaryFolder(), "Sample");

        string path = (await MarkdownReporter.Default.ReportAsync(WithFailedChecks(), context, TestContext.Current.CancellationToken)).Single();
        string markdown = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);

        markdown.Should().Contain("### Response checks")
            .And.Contain("37 of 1,200 checked responses (3.08 %) failed their endpoint's check")
            .And.Contain("| `GET /cart` | 200 | text/html | contentType: Content-Type \"text/html\" is not application/json | `<html>Sign in again, ***</html>` |")
            .And.Contain("`{\"items\": [1, 2 (truncated)` |");
    }

    [Fact]
    public async Task Reports_without_response_checks_say_nothing_about_them()
    {
        var context = new ReportContext(RenderedPdf.TemporaryFolder(), "Sample");

        string path = (await MarkdownReporter.Default.ReportAsync(SampleReports.Failing(), context, TestContext.Current.CancellationToken)).Single();

        (await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).Should().NotContain("Response checks");
    }

    [Fact]
    public void The_pdf_errors_breakdown_counts_failed_checks_and_shows_the_examples()
    {
        var pdf = RenderedPdf.Of(WithFailedChecks(), Replay.Reporting.Pdf.PdfReporter.A4);

        pdf.Text.Should().Contain("failed response check").And.Contain("Response checks.").And.Contain("Sign in again, ***");
    }

    [Fact]
    public void Check_failures_and_examples_survive_the_json_round_trip()
    {
        var report = WithFailedChecks();

        var again = ReplayReportJson.Deserialize(ReplayReportJson.Serialize(report));

        again.Result!.CheckFailures.Should().Be(37);
        again.Result.CheckedResponses.Should().Be(1_200);
        again.Result.CheckExamples.Should().BeEquivalentTo(report.Result!.CheckExamples, o => o.WithStrictOrdering());
    }
}
