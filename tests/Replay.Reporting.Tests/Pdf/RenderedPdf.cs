using Replay.Testing;
using Replay.Testing.Reporting;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Replay.Reporting.Tests.Pdf;

/// <summary>A PDF written by a reporter and read back with PdfPig, as a reader's tools would see it.</summary>
internal sealed class RenderedPdf
{
    private RenderedPdf(string path)
    {
        Path = path;
        using var document = PdfDocument.Open(path);
        Pages = document.NumberOfPages;
        Title = document.Information.Title;
        Author = document.Information.Author;
        Subject = document.Information.Subject;
        PageSizes = document.GetPages().Select(p => (p.Width, p.Height)).ToList();
        PageTexts = document.GetPages().Select(p => ContentOrderTextExtractor.GetText(p)).ToList();
    }

    public string Path { get; }

    public int Pages { get; }

    public string? Title { get; }

    public string? Author { get; }

    public string? Subject { get; }

    public IReadOnlyList<(double Width, double Height)> PageSizes { get; }

    public IReadOnlyList<string> PageTexts { get; }

    /// <summary>All pages' text with whitespace collapsed, so a phrase wrapped across lines is still found.</summary>
    public string Text => System.Text.RegularExpressions.Regex.Replace(string.Join(" ", PageTexts), @"\s+", " ");

    public static RenderedPdf Of(ReplayReport report, IReplayReporter reporter) =>
        new(reporter.ReportAsync(report, new ReportContext(TemporaryFolder(), "Sample"), CancellationToken.None).AsTask().Result.Single());

    public static RenderedPdf Read(string path) => new(path);

    public static string TemporaryFolder() => TemporaryFolders.Create();

    public int Occurrences(string phrase)
    {
        int count = 0;
        for (int i = Text.IndexOf(phrase, StringComparison.Ordinal); i >= 0; i = Text.IndexOf(phrase, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
