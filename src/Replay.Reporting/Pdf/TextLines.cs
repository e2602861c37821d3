using SkiaSharp;

namespace Replay.Reporting.Pdf;

/// <summary>Word wrapping: Skia draws lines, not paragraphs.</summary>
internal static class TextLines
{
    public static List<string> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        foreach (string paragraph in text.Split('\n'))
        {
            var line = new System.Text.StringBuilder();
            foreach (string word in paragraph.Split(' '))
            {
                string candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && font.MeasureText(candidate) > width)
                {
                    lines.Add(line.ToString());
                    line.Clear().Append(word);
                }
                else
                {
                    line.Clear().Append(candidate);
                }

                // A single word wider than the line (a long URL) is cut where it must be.
                while (font.MeasureText(line.ToString()) > width && line.Length > 1)
                {
                    int fit = FitCount(line.ToString(), font, width);
                    lines.Add(line.ToString(0, fit));
                    line.Remove(0, fit);
                }
            }

            lines.Add(line.ToString());
        }

        return lines;
    }

    /// <summary>Shortens text to a width, ending it with an ellipsis.</summary>
    public static string Ellipsize(string text, SKFont font, float width)
    {
        if (font.MeasureText(text) <= width)
        {
            return text;
        }

        int fit = FitCount(text + "…", font, width);
        return fit <= 1 ? "…" : text[..Math.Max(1, fit - 1)] + "…";
    }

    private static int FitCount(string text, SKFont font, float width)
    {
        int low = 1, high = text.Length;
        while (low < high)
        {
            int mid = (low + high + 1) / 2;
            if (font.MeasureText(text.AsSpan(0, mid)) <= width)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low;
    }
}
