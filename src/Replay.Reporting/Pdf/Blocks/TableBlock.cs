using SkiaSharp;

namespace Replay.Reporting.Pdf.Blocks;

/// <summary>
/// A ruled table with a shaded header row. Cells wrap within their column; the table splits across pages between
/// rows, repeating its header.
/// </summary>
internal sealed class TableBlock(IReadOnlyList<TableColumn> columns, IReadOnlyList<IReadOnlyList<TableCell>> rows) : IPdfBlock
{
    private const float CellPadding = 4f;
    private const float VerticalPadding = 4f;

    public float Measure(PdfStyle style, float width)
    {
        float[] widths = Widths(width);
        return RowHeight(style, Header(), widths) + rows.Sum(r => RowHeight(style, r, widths)) + 4f;
    }

    public void Draw(SKCanvas canvas, PdfStyle style, float x, float y, float width)
    {
        float[] widths = Widths(width);
        using var headerFill = PdfStyle.Fill(PdfStyle.HeaderFill);
        using var rule = PdfStyle.Stroke(PdfStyle.Rule, 0.6f);
        float headerHeight = RowHeight(style, Header(), widths);
        canvas.DrawRect(new SKRect(x, y, x + width, y + headerHeight), headerFill);
        DrawRow(canvas, style, Header(), x, y, widths);
        canvas.DrawLine(x, y, x + width, y, rule);
        float top = y + headerHeight;
        canvas.DrawLine(x, top, x + width, top, rule);
        foreach (var row in rows)
        {
            DrawRow(canvas, style, row, x, top, widths);
            top += RowHeight(style, row, widths);
            canvas.DrawLine(x, top, x + width, top, rule);
        }
    }

    public (IPdfBlock Head, IPdfBlock Tail)? Split(PdfStyle style, float width, float available)
    {
        float[] widths = Widths(width);
        float used = RowHeight(style, Header(), widths) + 4f;
        int fit = 0;
        while (fit < rows.Count && used + RowHeight(style, rows[fit], widths) <= available)
        {
            used += RowHeight(style, rows[fit], widths);
            fit++;
        }

        if (fit < 2 || fit >= rows.Count)
        {
            return null;
        }

        return (new TableBlock(columns, rows.Take(fit).ToList()), new TableBlock(columns, rows.Skip(fit).ToList()));
    }

    private List<TableCell> Header() => columns.Select(c => new TableCell(c.Header, PdfStyle.Text, Bold: true)).ToList();

    private void DrawRow(SKCanvas canvas, PdfStyle style, IReadOnlyList<TableCell> cells, float x, float y, float[] widths)
    {
        float left = x;
        float lineHeight = LineHeight(style);
        for (int i = 0; i < columns.Count; i++)
        {
            var cell = i < cells.Count ? cells[i] : new TableCell(string.Empty);
            using var font = Font(style, cell);
            using var paint = PdfStyle.Fill(cell.Color ?? PdfStyle.Text);
            float baseline = y + VerticalPadding + (style.SmallSize + 0.5f);
            foreach (string line in Lines(style, font, cell, widths[i]))
            {
                if (columns[i].AlignRight)
                {
                    canvas.DrawText(line, left + widths[i] - CellPadding, baseline, SKTextAlign.Right, font, paint);
                }
                else
                {
                    canvas.DrawText(line, left + CellPadding, baseline, SKTextAlign.Left, font, paint);
                }

                baseline += lineHeight;
            }

            left += widths[i];
        }
    }

    private float RowHeight(PdfStyle style, IReadOnlyList<TableCell> cells, float[] widths)
    {
        int lines = 1;
        for (int i = 0; i < columns.Count && i < cells.Count; i++)
        {
            using var font = Font(style, cells[i]);
            lines = Math.Max(lines, Lines(style, font, cells[i], widths[i]).Count);
        }

        return (lines * LineHeight(style)) + (2 * VerticalPadding) - ((style.LineSpacing - 1) * (style.SmallSize + 0.5f)) + 2f;
    }

    private static List<string> Lines(PdfStyle style, SKFont font, TableCell cell, float width) =>
        TextLines.Wrap(style.Fonts.Printable(cell.Text), font, width - (2 * CellPadding));

    private static SKFont Font(PdfStyle style, TableCell cell) => style.Font(style.SmallSize + 0.5f, cell.Bold);

    private static float LineHeight(PdfStyle style) => (style.SmallSize + 0.5f) * style.LineSpacing;

    private float[] Widths(float width)
    {
        float total = columns.Sum(c => c.Weight);
        return columns.Select(c => width * c.Weight / total).ToArray();
    }
}
