using System.Reflection;
using SkiaSharp;

namespace Replay.Reporting.Fonts;

/// <summary>
/// The report's one font family, Open Sans, loaded from embedded resources so a machine without fonts still gets
/// every word. One typeface instance per face: Skia embeds a font once per instance, not once per family.
/// </summary>
internal sealed class ReportFonts
{
    public const string FamilyName = "Open Sans";

    private static readonly Lazy<ReportFonts> Shared = new(() => new ReportFonts(), LazyThreadSafetyMode.ExecutionAndPublication);

    private ReportFonts()
    {
        Regular = Load("OpenSans-Regular.ttf");
        Bold = Load("OpenSans-Bold.ttf");

        // Charts ask ScottPlot for "Open Sans" by name; this resolver answers with the same instances.
        ScottPlot.Fonts.FontResolvers.Add(new EmbeddedFontResolver(this));
    }

    /// <summary>The fonts, loaded and registered on first use.</summary>
    public static ReportFonts Instance => Shared.Value;

    public SKTypeface Regular { get; }

    public SKTypeface Bold { get; }

    public SKTypeface Face(bool bold) => bold ? Bold : Regular;

    /// <summary>Replaces characters the font has no glyph for, so no text silently renders as nothing.</summary>
    public string Printable(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Regular.ContainsGlyph(rune.Value))
            {
                return string.Concat(text.EnumerateRunes().Select(r => Regular.ContainsGlyph(r.Value) ? r.ToString() : "?"));
            }
        }

        return text;
    }

    private static SKTypeface Load(string file)
    {
        string name = "Replay.Reporting.Fonts." + file;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The report font resource \"{name}\" is missing from Replay.Reporting; the package is damaged.");
        using var data = SKData.Create(stream);
        var typeface = SKTypeface.FromData(data);
        if (typeface is null || typeface.GlyphCount == 0)
        {
            // Without glyphs Skia draws nothing and raises no error: a report without words must not pass silently.
            throw new InvalidOperationException($"The report font \"{file}\" could not be loaded (no glyphs); the report would have no text.");
        }

        return typeface;
    }
}
