using ScottPlot;
using SkiaSharp;

namespace Replay.Reporting.Pdf.Blocks;

/// <summary>A ScottPlot chart drawn as vectors into the page.</summary>
internal sealed class ChartBlock(Plot plot, float height) : IPdfBlock
{
    public float Measure(PdfStyle style, float width) => height + 8f;

    public void Draw(SKCanvas canvas, PdfStyle style, float x, float y, float width)
    {
        int w = (int)width, h = (int)height;

        // A fresh plot renders twice on its first Render (a layout pass); both would land in the PDF and every
        // chart word would be extracted twice. Render once where nothing is recorded.
        using (var warmUp = new SKNoDrawCanvas(w, h))
        {
            plot.Render(warmUp, w, h);
        }

        canvas.Save();
        canvas.Translate(x, y);
        canvas.ClipRect(new SKRect(0, 0, w, h));
        plot.Render(canvas, w, h);
        canvas.Restore();
    }
}
