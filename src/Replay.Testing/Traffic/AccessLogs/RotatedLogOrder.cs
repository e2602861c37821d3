using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Replay.Testing.Traffic.AccessLogs;

/// <summary>
/// Puts access logs in the order they were written, oldest first, because a file's place in the list decides the
/// order of requests that share a second (<c>plan.order: "recorded"</c>). A name's ordinal order is wrong for
/// logrotate: <c>access.log</c> sorts before <c>access.log.1.gz</c>, which holds older lines.
/// </summary>
internal static partial class RotatedLogOrder
{
    private const int ProbeBytes = 64 << 10;

    /// <summary>
    /// Orders the files by the first timestamp each holds; files that start in the same second (a rotation inside
    /// one second) or whose start cannot be read are ordered by their rotation suffix: numbered ones highest first
    /// (<c>.3.gz</c>, <c>.2.gz</c>, <c>.1</c>), dated ones by date, the live file last.
    /// </summary>
    public static List<string> Order(IReadOnlyList<string> files, Func<IAccessLogLineReader> newReader) =>
        files.Select(file => (File: file, First: FirstTimestamp(file, newReader()), Age: RotationAge(Path.GetFileName(file))))
            .OrderBy(f => f.First)
            .ThenBy(f => f.Age.Dated ? 0 : 1)
            .ThenBy(f => f.Age.Dated ? f.Age.Value : 0)
            .ThenByDescending(f => f.Age.Dated ? 0 : f.Age.Value)
            .ThenBy(f => f.File, StringComparer.Ordinal)
            .Select(f => f.File)
            .ToList();

    /// <summary>
    /// How old a file's name says it is: a logrotate number (<c>access.log.2.gz</c>: 2; the live file: 0), or a date
    /// (<c>access.log-20260310</c>, <c>access.log.2026-03-10.gz</c>: 20260310, where a larger date is newer).
    /// </summary>
    internal static (bool Dated, long Value) RotationAge(string name)
    {
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^3];
        }

        var dated = DatedSuffix().Match(name);
        if (dated.Success)
        {
            return (true, long.Parse(dated.Groups["y"].Value + dated.Groups["m"].Value + dated.Groups["d"].Value + dated.Groups["rest"].Value.PadRight(6, '0')[..6], CultureInfo.InvariantCulture));
        }

        var numbered = NumberedSuffix().Match(name);
        return numbered.Success ? (false, long.Parse(numbered.Groups["n"].Value, CultureInfo.InvariantCulture)) : (false, 0);
    }

    // The first line the format can read, among the first 64 KB; long.MaxValue when there is none, so such a file
    // is placed by its name among the others that have none.
    private static long FirstTimestamp(string file, IAccessLogLineReader reader)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using Stream source = file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(stream, CompressionMode.Decompress) : stream;
            var buffer = new byte[ProbeBytes];
            int filled = 0, read;
            while (filled < buffer.Length && (read = source.Read(buffer, filled, buffer.Length - filled)) > 0)
            {
                filled += read;
            }

            var data = buffer.AsSpan(0, filled);
            while (!data.IsEmpty)
            {
                int newline = data.IndexOf((byte)'\n');
                var line = newline < 0 ? data : data[..newline];
                if (!line.IsEmpty && line[^1] == (byte)'\r')
                {
                    line = line[..^1];
                }

                if (reader.TryRead(line, out long seconds, out _, out _, out _))
                {
                    return seconds;
                }

                data = newline < 0 ? default : data[(newline + 1)..];
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // The read proper names the file and the error.
        }

        return long.MaxValue;
    }

    [GeneratedRegex(@"[.-](?<y>20\d\d)-?(?<m>[01]\d)-?(?<d>[0-3]\d)(?:[-T_]?(?<rest>\d{2,6}))?$")]
    private static partial Regex DatedSuffix();

    [GeneratedRegex(@"\.(?<n>\d{1,4})$")]
    private static partial Regex NumberedSuffix();
}
