using System.Globalization;
using System.Text.RegularExpressions;

namespace Replay.Testing.Slo;

/// <summary>How SLO figures are written and read: "300 ms", "1.2 s", "0.5 %".</summary>
public static partial class SloText
{
    /// <summary>A duration in milliseconds as text with three significant digits: "0.001 ms", "12.3 ms", "1.50 s".</summary>
    public static string Milliseconds(double ms)
    {
        if (double.IsNaN(ms))
        {
            return "n/a";
        }

        return ms >= 1000 ? Significant(ms / 1000) + " s" : Significant(ms) + " ms";
    }

    /// <summary>A count with thousands separators: "1,204".</summary>
    internal static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A ratio from 0 to 1 as a percentage: "0.5 %".</summary>
    public static string Percent(double ratio) => Significant(ratio * 100) + " %";

    /// <summary>
    /// Reads a duration such as "300ms", "1s", "1.5 s", "0.001ms", "2min" or "00:00:01".
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="name">The setting it came from, for the error message.</param>
    /// <exception cref="ReplayConfigurationException">The text is not a duration.</exception>
    public static TimeSpan ParseDuration(string text, string name)
    {
        var match = DurationPattern().Match(text ?? string.Empty);
        if (match.Success && double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value >= 0)
        {
            double ms = match.Groups[2].Value.ToLowerInvariant() switch
            {
                "us" or "µs" => value / 1000,
                "ms" => value,
                "s" => value * 1000,
                "m" or "min" => value * 60_000,
                "h" => value * 3_600_000,
                _ => double.NaN,
            };
            if (!double.IsNaN(ms))
            {
                return TimeSpan.FromTicks((long)Math.Round(ms * TimeSpan.TicksPerMillisecond));
            }
        }

        // Only the colon form: a bare "300" would otherwise read as 300 days.
        if (text?.Contains(':', StringComparison.Ordinal) == true && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero)
        {
            return span;
        }

        throw new ReplayConfigurationException(
            $"{name} is \"{text}\", which is not a duration. Write a number and a unit, such as \"300ms\", \"1.5s\" or \"2min\".");
    }

    private static string Significant(double value)
    {
        double abs = Math.Abs(value);
        string format = abs == 0 ? "0" : abs >= 100 ? "N0" : abs >= 10 ? "0.#" : abs >= 1 ? "0.##" : abs >= 0.01 ? "0.###" : "0.######";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^\s*([0-9]*\.?[0-9]+)\s*(us|µs|ms|s|m|min|h)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DurationPattern();
}
