using System.Globalization;
using System.Text.RegularExpressions;

namespace Replay.Testing;

/// <summary>
/// The time range of an incident: a start and an end, both with an explicit UTC offset.
/// </summary>
/// <remarks>
/// A local time without offset is rejected: "12:00" means different instants on a laptop in Paris and on a CI
/// runner in UTC, and a replay of the wrong hour proves nothing.
/// </remarks>
public sealed partial record IncidentWindow
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>Creates a window from two instants.</summary>
    /// <exception cref="ArgumentException">The end is not after the start.</exception>
    public IncidentWindow(DateTimeOffset start, DateTimeOffset end)
    {
        if (end <= start)
        {
            throw new ArgumentException(
                $"The incident window ends ({Format(end)}) at or before it starts ({Format(start)}). " +
                "Give the start first and an end after it, for example (\"2026-03-10T12:00Z\", \"2026-03-10T13:00Z\").",
                nameof(end));
        }

        Start = start;
        End = end;
    }

    /// <summary>The first instant of the window.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The instant the window ends (exclusive).</summary>
    public DateTimeOffset End { get; }

    /// <summary>The length of the window.</summary>
    public TimeSpan Duration => End - Start;

    /// <summary>
    /// Parses a window from two ISO 8601 timestamps with explicit offsets, such as <c>2026-03-10T12:00Z</c> or
    /// <c>2026-03-10T13:00+01:00</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A timestamp is malformed or has no offset, or the window is empty.</exception>
    public static IncidentWindow Parse(string start, string end) =>
        new(ParseInstant(start, nameof(start)), ParseInstant(end, nameof(end)));

    /// <summary>The window as an ISO 8601 interval, for example <c>2026-03-10T12:00Z/2026-03-10T13:00Z</c>.</summary>
    public override string ToString() => $"{Format(Start)}/{Format(End)}";

    /// <summary>A file-name-safe form, for example <c>2026-03-10T1200Z_2026-03-10T1300Z</c>.</summary>
    public string ToFileStem() => $"{FileFormat(Start)}_{FileFormat(End)}";

    private static DateTimeOffset ParseInstant(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException(
                $"The incident window's {name} is empty. Give an ISO 8601 timestamp with an offset, such as \"2026-03-10T12:00Z\".",
                name);
        }

        string text = value.Trim();
        if (!HasOffset(text))
        {
            throw new ArgumentException(
                $"The incident window's {name} \"{value}\" has no UTC offset, so it could mean any time zone. " +
                $"Add \"Z\" for UTC or an offset such as \"+01:00\": \"{text}Z\".",
                name);
        }

        if (!DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            throw new ArgumentException(
                $"The incident window's {name} \"{value}\" is not an ISO 8601 timestamp. " +
                "Use the form \"2026-03-10T12:00Z\" or \"2026-03-10T12:00:00+01:00\".",
                name);
        }

        return instant;
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || OffsetSuffix().IsMatch(text);

    [GeneratedRegex(@"T.*[+-]\d{2}:\d{2}$")]
    private static partial Regex OffsetSuffix();

    private static string Format(DateTimeOffset instant)
    {
        string time = instant.Second == 0 && instant.Millisecond == 0
            ? instant.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)
            : instant.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        return instant.Offset == TimeSpan.Zero ? time + "Z" : time + instant.ToString("zzz", CultureInfo.InvariantCulture);
    }

    private static string FileFormat(DateTimeOffset instant) =>
        Format(instant.ToUniversalTime()).Replace(":", string.Empty, StringComparison.Ordinal);
}
