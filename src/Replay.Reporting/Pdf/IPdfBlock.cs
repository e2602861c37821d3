using SkiaSharp;

namespace Replay.Reporting.Pdf;

/// <summary>A piece of a report page: measured first, then drawn where the composer places it.</summary>
internal interface IPdfBlock
{
    /// <summary>The height the block needs at a width.</summary>
    float Measure(PdfStyle style, float width);

    /// <summary>Draws the block with its top-left corner at (x, y).</summary>
    void Draw(SKCanvas canvas, PdfStyle style, float x, float y, float width);

    /// <summary>
    /// Splits the block so its first part fits in <paramref name="available"/> points, or returns null when it
    /// cannot be split there (it then moves to the next page whole).
    /// </summary>
    (IPdfBlock Head, IPdfBlock Tail)? Split(PdfStyle style, float width, float available) => null;

    /// <summary>Whether the block must stay on the page of the block that follows (a heading).</summary>
    bool KeepWithNext => false;
}
