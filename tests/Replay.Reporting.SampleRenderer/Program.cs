using System.Diagnostics;
using System.Globalization;
using Replay.Reporting.Comparison;
using Replay.Reporting.Json;
using Replay.Reporting.Markdown;
using Replay.Reporting.Pdf;
using Replay.Reporting.Tests.Samples;
using Replay.Testing.Reporting;

// Usage: Replay.Reporting.SampleRenderer OUTPUT_FOLDER
// Writes the sample one-hour reports (PDF, JSON, Markdown, the INCONCLUSIVE PDF and Markdown, and the before/after
// PDF) and prints
// "report_seconds=S report_bytes=B" for the single-run PDF, timed from a cold start of the reporting stack.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Replay.Reporting.SampleRenderer OUTPUT_FOLDER");
    return 2;
}

string folder = Directory.CreateDirectory(args[0]).FullName;
var failing = SampleReports.Failing();
var passing = SampleReports.Passing();
var inconclusive = SampleReports.Inconclusive();
var context = new ReportContext(folder, "Sample");

var clock = Stopwatch.StartNew();
var pdf = (await PdfReporter.A4.ReportAsync(failing, context, CancellationToken.None)).Single();
double seconds = clock.Elapsed.TotalSeconds;

await JsonReporter.Default.ReportAsync(failing, context, CancellationToken.None);
await MarkdownReporter.Default.ReportAsync(failing, context, CancellationToken.None);
PdfReporter.Letter.Write(passing, Path.Combine(folder, "Sample-letter.pdf"));
ComparisonPdfReporter.A4.Write(new ReplayComparison(failing, passing), Path.Combine(folder, "Sample-comparison.pdf"));
var starved = new ReportContext(folder, "Sample-inconclusive");
await PdfReporter.A4.ReportAsync(inconclusive, starved, CancellationToken.None);
await MarkdownReporter.Default.ReportAsync(inconclusive, starved, CancellationToken.None);
ComparisonPdfReporter.A4.Write(new ReplayComparison(failing, inconclusive), Path.Combine(folder, "Sample-inconclusive-comparison.pdf"));

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"report_seconds={seconds:0.###} report_bytes={new FileInfo(pdf).Length}"));
return 0;
