using Replay.Reporting.Fonts;
using SkiaSharp;

namespace Replay.Reporting.Pdf;

/// <summary>Writes blocks as a PDF file with metadata, page numbers and the embedded font.</summary>
internal static class PdfReportWriter
{
    public static void Write(string path, IReadOnlyList<IPdfBlock> blocks, PaperSize paper, string title, string subject, DateTimeOffset created, string footer)
    {
        var style = new PdfStyle(ReportFonts.Instance);
        var metadata = new SKDocumentPdfMetadata
        {
            Title = title,
            Subject = subject,
            Author = "Replay.Testing",
            Keywords = "incident replay, load test, SLO, postmortem",
            Creator = "Replay.Testing " + typeof(PdfReportWriter).Assembly.GetName().Version,
            Producer = "Replay.Testing (SkiaSharp PDF)",
            Creation = created.UtcDateTime,
            Modified = created.UtcDateTime,
            RasterDpi = 300,
        };

        string temporary = path + ".tmp";
        using (var file = File.Create(temporary))
        {
            new PdfComposer(style, paper).Write(file, blocks, metadata, footer);
        }

        // Written aside and moved, so a crash never leaves a half PDF where the last good one was.
        File.Move(temporary, path, overwrite: true);
    }
}
