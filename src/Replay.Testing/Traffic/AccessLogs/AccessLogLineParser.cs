namespace Replay.Testing.Traffic.AccessLogs;

/// <summary>
/// Reads the fields a replay needs from one NCSA common or combined line, on its UTF-8 bytes, without allocating:
/// <c>host ident user [10/Mar/2026:12:00:01 +0100] "GET /path?query HTTP/1.1" 200 1234 "referer" "agent"</c>.
/// </summary>
internal static class AccessLogLineParser
{
    private const int TimestampLength = 26; // 10/Mar/2026:12:00:01 +0100

    /// <summary>Parses a line; false when it is not an NCSA line with a replayable request.</summary>
    /// <param name="line">The line without its line break.</param>
    /// <param name="timestamp">The bytes of the timestamp, for a caller that caches the last one it converted.</param>
    /// <param name="method">The request method.</param>
    /// <param name="target">The request target in origin form: the path and query string.</param>
    /// <param name="status">The response status code.</param>
    public static bool TryParse(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> timestamp, out ReadOnlySpan<byte> method,
        out ReadOnlySpan<byte> target, out int status) =>
        TryParse(line, out timestamp, out method, out target, out status, out _);

    /// <summary>Parses a line and its response size; false when it is not an NCSA line with a replayable request.</summary>
    /// <param name="line">The line without its line break.</param>
    /// <param name="timestamp">The bytes of the timestamp.</param>
    /// <param name="method">The request method.</param>
    /// <param name="target">The request target in origin form.</param>
    /// <param name="status">The response status code.</param>
    /// <param name="bodyBytes">The field after the status (<c>$body_bytes_sent</c>), or -1 when it is <c>-</c> or absent.</param>
    public static bool TryParse(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> timestamp, out ReadOnlySpan<byte> method,
        out ReadOnlySpan<byte> target, out int status, out long bodyBytes)
    {
        timestamp = method = target = default;
        status = 0;
        bodyBytes = -1;

        int open = line.IndexOf((byte)'[');
        if (open < 0 || line.Length < open + TimestampLength + 2 || line[open + TimestampLength + 1] != (byte)']')
        {
            return false;
        }

        timestamp = line.Slice(open + 1, TimestampLength);
        var rest = line[(open + TimestampLength + 2)..];
        if (rest.Length < 2 || rest[0] != (byte)' ' || rest[1] != (byte)'"')
        {
            return false;
        }

        rest = rest[2..];
        int close = rest.IndexOf((byte)'"');
        if (close < 0)
        {
            return false;
        }

        var request = rest[..close];
        int space = request.IndexOf((byte)' ');
        if (space <= 0)
        {
            return false;   // "-" or garbage: nginx logs a request line it could not read this way
        }

        method = request[..space];
        target = request[(space + 1)..];
        int end = target.IndexOf((byte)' ');
        if (end >= 0)
        {
            target = target[..end];
        }

        target = OriginForm(target);
        if (target.IsEmpty || target[0] != (byte)'/' || !IsToken(method))
        {
            return false;
        }

        var after = rest[(close + 1)..];
        if (after.Length < 4 || after[0] != (byte)' ' || !TryThreeDigits(after.Slice(1, 3), out status) ||
            (after.Length > 4 && after[4] != (byte)' '))
        {
            return false;
        }

        // Common and combined formats both log $body_bytes_sent after the status; Apache writes "-" for none.
        if (after.Length > 5)
        {
            var size = after[5..];
            int sizeEnd = size.IndexOf((byte)' ');
            bodyBytes = TryLong(sizeEnd >= 0 ? size[..sizeEnd] : size);
        }

        return true;
    }

    private static long TryLong(ReadOnlySpan<byte> digits)
    {
        if (digits.IsEmpty || digits.Length > 18)
        {
            return -1;
        }

        long value = 0;
        foreach (byte b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return -1;
            }

            value = (value * 10) + (b - '0');
        }

        return value;
    }

    /// <summary>Converts a timestamp such as <c>10/Mar/2026:12:00:01 +0100</c> to Unix seconds (UTC).</summary>
    public static bool TryParseTimestamp(ReadOnlySpan<byte> t, out long unixSeconds)
    {
        unixSeconds = 0;
        if (t.Length != TimestampLength || t[2] != (byte)'/' || t[6] != (byte)'/' || t[11] != (byte)':' ||
            t[14] != (byte)':' || t[17] != (byte)':' || t[20] != (byte)' ' || (t[21] != (byte)'+' && t[21] != (byte)'-'))
        {
            return false;
        }

        int month = Month(t.Slice(3, 3));
        if (month == 0 || !TryDigits(t[..2], out int day) || !TryDigits(t.Slice(7, 4), out int year) ||
            !TryDigits(t.Slice(12, 2), out int hour) || !TryDigits(t.Slice(15, 2), out int minute) ||
            !TryDigits(t.Slice(18, 2), out int second) || !TryDigits(t.Slice(22, 2), out int offsetHours) ||
            !TryDigits(t.Slice(24, 2), out int offsetMinutes) ||
            day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month) || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        long days = DaysFromCivil(year, month, day);
        int offset = ((offsetHours * 60) + offsetMinutes) * 60 * (t[21] == (byte)'-' ? -1 : 1);
        unixSeconds = (days * 86_400) + (hour * 3600) + (minute * 60) + second - offset;
        return true;
    }

    // An absolute-form target (a proxy's log) keeps only its path: http://shop.example.com/a -> /a.
    private static ReadOnlySpan<byte> OriginForm(ReadOnlySpan<byte> target)
    {
        if (target.Length > 0 && target[0] != (byte)'/')
        {
            int scheme = target.IndexOf("://"u8);
            if (scheme > 0)
            {
                var afterHost = target[(scheme + 3)..];
                int slash = afterHost.IndexOf((byte)'/');
                return slash >= 0 ? afterHost[slash..] : "/"u8;
            }
        }

        return target;
    }

    private static bool IsToken(ReadOnlySpan<byte> method)
    {
        foreach (byte b in method)
        {
            if (b is < (byte)'A' or > (byte)'Z')
            {
                return false;
            }
        }

        return method.Length <= 16;
    }

    private static bool TryThreeDigits(ReadOnlySpan<byte> digits, out int value) =>
        TryDigits(digits, out value) && value >= 100;

    private static bool TryDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (byte b in digits)
        {
            int d = b - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }

    private static int Month(ReadOnlySpan<byte> m) => (m[0], m[1], m[2]) switch
    {
        ((byte)'J', (byte)'a', (byte)'n') => 1,
        ((byte)'F', (byte)'e', (byte)'b') => 2,
        ((byte)'M', (byte)'a', (byte)'r') => 3,
        ((byte)'A', (byte)'p', (byte)'r') => 4,
        ((byte)'M', (byte)'a', (byte)'y') => 5,
        ((byte)'J', (byte)'u', (byte)'n') => 6,
        ((byte)'J', (byte)'u', (byte)'l') => 7,
        ((byte)'A', (byte)'u', (byte)'g') => 8,
        ((byte)'S', (byte)'e', (byte)'p') => 9,
        ((byte)'O', (byte)'c', (byte)'t') => 10,
        ((byte)'N', (byte)'o', (byte)'v') => 11,
        ((byte)'D', (byte)'e', (byte)'c') => 12,
        _ => 0,
    };

    // Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    private static long DaysFromCivil(int year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        long era = (year >= 0 ? year : year - 399) / 400;
        long yearOfEra = year - (era * 400);
        long dayOfYear = ((153 * (month + (month > 2 ? -3 : 9))) + 2) / 5 + day - 1;
        long dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146_097) + dayOfEra - 719_468;
    }
}
