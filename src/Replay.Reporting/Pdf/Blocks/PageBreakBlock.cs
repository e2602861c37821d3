using SkiaSharp;

namespace Replay.Reporting.Pdf.Blocks;

/// <summary>Starts a new page; the composer recognises it.</summary>
internal sealed class PageBreakBlock : IPdfBlock
{
    public static PageBreakBlock Instance { get; } = new();

    public float Measure(PdfStyle style, float width) => 0;

    public void Draw(SKCanvas canvas, PdfStyle style, float x, float y, float width)
    {
    }
}
