using System.Globalization;

namespace Replay.Testing.Plans;

/// <summary>
/// Where a named phase of the incident lies (<see cref="ReplayPlanOptions.Phases"/>): from a time to a time, each a
/// time of day in the window's UTC offset (<c>"12:20"</c>, <c>"12:20:30"</c>) or an ISO 8601 instant with an offset
/// (<c>"2026-03-10T12:20Z"</c>). The end is exclusive.
/// </summary>
/// <param name="From">The phase's first instant.</param>
/// <param name="To">The instant the phase ends.</param>
public sealed record PhaseSpan(string From, string To)
{
    private static readonly string[] TimesOfDay = ["H':'mm", "H':'mm':'ss"];

    private static readonly string[] Instants =
        ["yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    /// <summary>A span between two instants.</summary>
    public static PhaseSpan Between(DateTimeOffset from, DateTimeOffset to) =>
        new(from.ToString("O", CultureInfo.InvariantCulture), to.ToString("O", CultureInfo.InvariantCulture));

    /// <summary>The span's instants inside a window, or why they cannot be placed there.</summary>
    internal (DateTimeOffset From, DateTimeOffset To)? Resolve(IncidentWindow window, out string? problem)
    {
        problem = null;
        if (Instant(From, window) is not { } from || Instant(To, window) is not { } to)
        {
            problem = $"[\"{From}\", \"{To}\"] is not two times: give each as a time of day in the window's offset (\"12:20\") " +
                "or an ISO 8601 instant with an offset (\"2026-03-10T12:20Z\").";
            return null;
        }

        if (to <= from)
        {
            to = to.AddDays(1);   // a phase across midnight, given as times of day
        }

        if (from < window.Start || to > window.End || to <= from)
        {
            problem = $"[\"{From}\", \"{To}\"] is not inside the incident window {window}.";
            return null;
        }

        return (from, to);
    }

    // A time of day is placed on the window's first day in its offset, or the next day if that falls before the start.
    private static DateTimeOffset? Instant(string text, IncidentWindow window)
    {
        string value = text?.Trim() ?? "";
        if (DateTimeOffset.TryParseExact(value, Instants, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return instant;
        }

        if (!TimeOnly.TryParseExact(value, TimesOfDay, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return null;
        }

        var start = window.Start;
        var onFirstDay = new DateTimeOffset(DateOnly.FromDateTime(start.DateTime), time, start.Offset);
        return onFirstDay < start ? onFirstDay.AddDays(1) : onFirstDay;
    }
}
