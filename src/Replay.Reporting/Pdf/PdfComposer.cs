using Replay.Reporting.Pdf.Blocks;
using SkiaSharp;

namespace Replay.Reporting.Pdf;

/// <summary>Lays blocks out on pages (splitting tables and paragraphs, keeping headings with what follows) and writes the PDF.</summary>
internal sealed class PdfComposer(PdfStyle style, PaperSize paper)
{
    private const float FooterHeight = 18f;

    private float Width => paper.Width - (2 * style.Margin);

    private float Top => style.Margin;

    private float Bottom => paper.Height - style.Margin - FooterHeight;

    public void Write(Stream output, IReadOnlyList<IPdfBlock> blocks, SKDocumentPdfMetadata metadata, string footer)
    {
        var pages = Paginate(blocks);
        using var document = SKDocument.CreatePdf(output, metadata);
        for (int p = 0; p < pages.Count; p++)
        {
            var canvas = document.BeginPage(paper.Width, paper.Height);
            foreach (var (block, y) in pages[p])
            {
                block.Draw(canvas, style, style.Margin, y, Width);
            }

            DrawFooter(canvas, footer, p + 1, pages.Count);
            document.EndPage();
        }

        document.Close();
    }

    internal List<List<(IPdfBlock Block, float Y)>> Paginate(IReadOnlyList<IPdfBlock> blocks)
    {
        var pages = new List<List<(IPdfBlock, float)>> { new() };
        var queue = new LinkedList<IPdfBlock>(blocks);
        float y = Top;
        while (queue.First is { } node)
        {
            var block = node.Value;
            queue.RemoveFirst();
            var page = pages[^1];
            if (block is PageBreakBlock)
            {
                if (page.Count > 0)
                {
                    NewPage();
                }

                continue;
            }

            float height = block.Measure(style, Width);
            float needed = height + (block.KeepWithNext && queue.First is { } next ? Math.Min(next.Value.Measure(style, Width), 250f) : 0);
            if (y + needed <= Bottom || page.Count == 0 && height > Bottom - Top)
            {
                page.Add((block, y));
                y += height;
                continue;
            }

            if (!block.KeepWithNext && block.Split(style, Width, Bottom - y) is { } parts)
            {
                page.Add((parts.Head, y));
                queue.AddFirst(parts.Tail);
                NewPage();
                continue;
            }

            queue.AddFirst(block);
            NewPage();
        }

        if (pages[^1].Count == 0 && pages.Count > 1)
        {
            pages.RemoveAt(pages.Count - 1);
        }

        return pages;

        void NewPage()
        {
            pages.Add([]);
            y = Top;
        }
    }

    private void DrawFooter(SKCanvas canvas, string footer, int page, int pages)
    {
        using var font = style.Font(style.SmallSize);
        using var paint = PdfStyle.Fill(PdfStyle.Muted);
        using var rule = PdfStyle.Stroke(PdfStyle.Rule, 0.5f);
        float y = paper.Height - style.Margin + 2f;
        canvas.DrawLine(style.Margin, y - style.SmallSize - 4f, paper.Width - style.Margin, y - style.SmallSize - 4f, rule);
        string right = $"Page {page} of {pages}";
        float rightWidth = font.MeasureText(right);
        canvas.DrawText(TextLines.Ellipsize(style.Fonts.Printable(footer), font, Width - rightWidth - 20f), style.Margin, y, SKTextAlign.Left, font, paint);
        canvas.DrawText(right, paper.Width - style.Margin, y, SKTextAlign.Right, font, paint);
    }
}
