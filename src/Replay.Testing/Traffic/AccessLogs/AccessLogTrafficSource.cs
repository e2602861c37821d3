using System.Globalization;
using System.IO.Compression;

namespace Replay.Testing.Traffic.AccessLogs;

/// <summary>
/// Reads an incident window's traffic from access logs (nginx, Apache: the NCSA common or combined format), plain
/// or gzip-rotated. Streams the files on every core; memory grows with distinct URLs, not with the log's size.
/// Each line's own time-zone offset places it in the window. URLs become templates (<c>/products/{id}</c>) whose
/// value pools are the ids production was asked for; the query string is not kept, except in the request sequence
/// kept on request (<see cref="AccessLogOptions.KeepSequence"/>) for an in-order replay.
/// </summary>
public sealed class AccessLogTrafficSource : ITrafficSource
{
    private const int BufferSize = 1 << 20;
    private readonly AccessLogOptions _options;

    /// <summary>Creates the source.</summary>
    /// <exception cref="ReplayConfigurationException">An option is invalid.</exception>
    public AccessLogTrafficSource(AccessLogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        _options = options;
    }

    /// <inheritdoc />
    public string Kind => "access-log";

    /// <summary>How much of a plain file one thread reads at a time; tests make it tiny to cut lines at boundaries.</summary>
    internal long RangeBytes { get; init; } = 16 << 20;

    /// <inheritdoc />
    public async ValueTask<TrafficProfile> FetchAsync(IncidentWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.Duration.Ticks % _options.BucketSize.Ticks != 0)
        {
            throw new ReplayConfigurationException(
                $"AccessLogOptions.BucketSize is {_options.BucketSize}, which does not divide the window {window} ({window.Duration}) into whole buckets. Use a bucket size such as 1s, 10s or 1min.");
        }

        var files = RotatedLogOrder.Order(ExpandFiles(_options.Files), NewReader);
        var ranges = files.SelectMany((file, index) => Ranges(file, index)).ToList();

        // One tally per thread, not per range: each tally templates every distinct URL it meets once.
        var tallies = new List<AccessLogTally>();
        await Task.Run(() => Parallel.ForEach(ranges,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => new AccessLogTally(window, _options.BucketSize, _options.MaxValuesPerPlaceholder, NewReader(), _options.KeepSequence, _options.Templates),
            (range, _, tally) => Read(range, tally, cancellationToken),
            tally =>
            {
                lock (tallies)
                {
                    tallies.Add(tally);
                }
            }), cancellationToken).ConfigureAwait(false);

        var tally = tallies[0];
        foreach (var other in tallies.Skip(1))
        {
            tally.Merge(other);
        }

        return ToProfile(tally, window, files);
    }

    // A line's position among all lines read: its file's index above its byte offset, which fits in 40 bits (1 TB).
    private const int OffsetBits = 40;

    private static AccessLogTally Read((string File, int Index, long Start, long End) range, AccessLogTally tally, CancellationToken cancellationToken)
    {
        try
        {
            using var file = new FileStream(range.File, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            if (range.File.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                using var gzip = new GZipStream(file, CompressionMode.Decompress);
                ReadLines(gzip, 0, long.MaxValue, (long)range.Index << OffsetBits, tally, cancellationToken);
            }
            else
            {
                file.Position = Math.Max(0, range.Start - 1);
                ReadLines(file, range.Start, range.End, (long)range.Index << OffsetBits, tally, cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new TrafficSourceException($"The access log \"{range.File}\" could not be read: {e.Message}", e);
        }

        return tally;
    }

    // Reads the lines that start in [start, end). A range that does not start the file begins one byte early and
    // skips to the first line break, so a line that starts exactly at `start` is read here and nowhere else.
    private static void ReadLines(Stream stream, long start, long end, long fileBase, AccessLogTally tally, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        int filled = 0;
        long bufferAt = start == 0 ? 0 : start - 1;
        bool skipping = start > 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int read = stream.Read(buffer, filled, buffer.Length - filled);
            filled += read;
            var data = buffer.AsSpan(0, filled);
            int consumed = 0;
            while (true)
            {
                int newline = data[consumed..].IndexOf((byte)'\n');
                if (newline < 0)
                {
                    break;
                }

                long lineAt = bufferAt + consumed;
                if (!skipping)
                {
                    if (lineAt >= end)
                    {
                        return;
                    }

                    tally.Add(data.Slice(consumed, newline), fileBase + lineAt);
                }

                skipping = false;
                consumed += newline + 1;
            }

            if (read == 0)
            {
                // The last line may have no line break.
                if (!skipping && consumed < filled && bufferAt + consumed < end)
                {
                    tally.Add(data[consumed..], fileBase + bufferAt + consumed);
                }

                return;
            }

            if (consumed == 0 && filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);   // a line longer than the buffer
                continue;
            }

            data[consumed..].CopyTo(buffer);
            filled -= consumed;
            bufferAt += consumed;
        }
    }

    private TrafficProfile ToProfile(AccessLogTally tally, IncidentWindow window, IReadOnlyList<string> files)
    {
        string fileList = string.Join(", ", files.Select(Path.GetFileName));
        long unparseable = tally.LinesSkipped - tally.LinesEmpty;
        var diagnostics = new TrafficDiagnostics(tally.LinesRead, tally.LinesSkipped, tally.Samples)
        {
            SkippedByKind = new Dictionary<string, long>(StringComparer.Ordinal)
            {
                [TrafficDiagnostics.EmptyKind] = tally.LinesEmpty,
                [TrafficDiagnostics.UnparseableKind] = unparseable,
            },
            RecordsOutsideWindow = tally.OutsideWindow,
            FirstSeen = tally.FirstSeen == long.MaxValue ? null : DateTimeOffset.FromUnixTimeSeconds(tally.FirstSeen),
            LastSeen = tally.LastSeen == long.MinValue ? null : DateTimeOffset.FromUnixTimeSeconds(tally.LastSeen),
        };

        // Blank lines say nothing about the format, so only unreadable ones count against MaxSkippedShare.
        long written = tally.LinesRead - tally.LinesEmpty;
        double unparseableShare = written == 0 ? 0 : (double)unparseable / written;
        if (written > 0 && unparseableShare > _options.MaxSkippedShare)
        {
            throw new TrafficSourceException(
                $"{unparseable:N0} of {written:N0} lines ({unparseableShare:P1}) of the access logs ({fileList}) are not readable " +
                $"{FormatName}, more than AccessLogOptions.MaxSkippedShare ({_options.MaxSkippedShare:P1}). First of them: " +
                string.Join(" | ", tally.Samples.Take(3).Select(s => $"\"{s}\"")) +
                ". Check AccessLogOptions.Format (and JsonFields for JSON lines), or raise MaxSkippedShare.");
        }

        if (tally.InWindow == 0)
        {
            string seen = tally.FirstSeen == long.MaxValue
                ? "no readable lines at all"
                : $"lines from {Utc(tally.FirstSeen)} to {Utc(tally.LastSeen)}";
            throw new TrafficSourceException(
                $"The access logs ({fileList}) hold no request in the incident window {window}: they have {seen}. " +
                "Add the log files that cover the window (rotated ones included, such as access.log.1 and access.log.2.gz).");
        }

        var totals = new long[tally.Templates.Count];
        foreach (var (key, count) in tally.Counts)
        {
            totals[key / tally.Buckets] += count;
        }

        var listed = Enumerable.Range(0, totals.Length)
            .OrderByDescending(t => totals[t]).ThenBy(t => tally.Templates[t], StringComparer.Ordinal)
            .Take(_options.MaxEndpoints).ToList();
        var endpoints = listed.Select(t =>
        {
            string key = tally.Templates[t];
            int space = key.IndexOf(' ', StringComparison.Ordinal);
            var values = tally.Values.Where(v => v.Key.Template == t)
                .ToDictionary(v => v.Key.Name, v => (IReadOnlyList<string>)v.Value.Order(StringComparer.Ordinal).ToList());
            var capped = values.Where(v => tally.Overflow.ContainsKey((t, v.Key)))
                .ToDictionary(v => v.Key, v => tally.DistinctValues(t, v.Key));
            long Class(int c) => tally.TemplateStatusClasses.GetValueOrDefault(((long)t * 6) + c);
            return new TrafficEndpoint(key[..space], key[(space + 1)..], totals[t])
            {
                TemplateValues = values,
                DistinctTemplateValues = capped,
                AverageMilliseconds = tally.RequestTimes.TryGetValue(t, out var time) ? time.Seconds * 1000 / time.Lines : null,
                Statuses = new StatusClassCounts(Class(1), Class(2), Class(3), Class(4), Class(5), Class(0)),
            };
        }).ToList();

        var timeline = new List<TrafficBucket>(tally.Buckets);
        for (int b = 0; b < tally.Buckets; b++)
        {
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (int t in listed)
            {
                if (tally.Counts.TryGetValue(((long)t * tally.Buckets) + b, out long count))
                {
                    counts[tally.Templates[t]] = count;
                }
            }

            var s = tally.StatusClasses.AsSpan(b * 6, 6);
            timeline.Add(new TrafficBucket(window.Start + (_options.BucketSize * b), counts)
            {
                Statuses = new StatusClassCounts(s[1], s[2], s[3], s[4], s[5], s[0]),
                ResponseBytes = tally.WithResponseBytes > 0 ? tally.ResponseBytes[b] : null,
                RequestBytes = tally.WithRequestBytes > 0 ? tally.RequestBytes[b] : null,
            });
        }

        return new TrafficProfile
        {
            Window = window,
            BucketSize = _options.BucketSize,
            Endpoints = endpoints,
            Timeline = timeline,
            TotalRequests = tally.InWindow,
            ProductionHosts = _options.ProductionHosts,
            Diagnostics = diagnostics,
            Sequence = tally.Sequence(),
            Origin = new TrafficOrigin(Kind, $"access logs {fileList}")
            {
                FetchedAt = DateTimeOffset.UtcNow,
                Details = new Dictionary<string, string>
                {
                    ["files"] = string.Join(", ", files),
                    ["linesRead"] = tally.LinesRead.ToString(CultureInfo.InvariantCulture),
                    ["linesInWindow"] = tally.InWindow.ToString(CultureInfo.InvariantCulture),
                    ["linesSkipped"] = tally.LinesSkipped.ToString(CultureInfo.InvariantCulture),
                    ["linesOutsideWindow"] = tally.OutsideWindow.ToString(CultureInfo.InvariantCulture),
                    ["urlTemplates"] = totals.Length.ToString(CultureInfo.InvariantCulture),
                },
            },
        };
    }

    private IAccessLogLineReader NewReader() =>
        _options.Format == AccessLogFormat.JsonLines ? new JsonLinesReader(_options.JsonFields) : new NcsaLineReader();

    private string FormatName => _options.Format == AccessLogFormat.JsonLines
        ? $"JSON lines with the fields {_options.JsonFields.Time}, {_options.JsonFields.Method}, {_options.JsonFields.Path} and {_options.JsonFields.Status}"
        : "NCSA common or combined lines";

    private IEnumerable<(string File, int Index, long Start, long End)> Ranges(string file, int index)
    {
        long length = new FileInfo(file).Length;
        if (file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || length <= RangeBytes)
        {
            yield return (file, index, 0, long.MaxValue);
            yield break;
        }

        for (long start = 0; start < length; start += RangeBytes)
        {
            yield return (file, index, start, start + RangeBytes >= length ? long.MaxValue : start + RangeBytes);
        }
    }

    private static List<string> ExpandFiles(IReadOnlyList<string> patterns)
    {
        var files = new List<string>();
        foreach (string pattern in patterns)
        {
            string full = Path.GetFullPath(pattern);
            string directory = Path.GetDirectoryName(full)!;
            string name = Path.GetFileName(full);
            if (name.Contains('*', StringComparison.Ordinal) || name.Contains('?', StringComparison.Ordinal))
            {
                var matches = Directory.Exists(directory) ? Directory.GetFiles(directory, name).Order(StringComparer.Ordinal).ToList() : [];
                if (matches.Count == 0)
                {
                    throw new TrafficSourceException($"No access log matches \"{pattern}\" (looked in \"{directory}\"). Give the path of nginx's or Apache's access log.");
                }

                files.AddRange(matches);
            }
            else if (File.Exists(full))
            {
                files.Add(full);
            }
            else
            {
                throw new TrafficSourceException($"The access log \"{pattern}\" does not exist (resolved to \"{full}\"). Give the path of nginx's or Apache's access log.");
            }
        }

        return files.Distinct(StringComparer.Ordinal).ToList();
    }

    private static void Validate(AccessLogOptions options)
    {
        var problems = new List<string>();
        if (options.Files.Count == 0)
        {
            problems.Add("AccessLogOptions.Files is empty; give the access log's path, such as \"/var/log/nginx/access.log*\".");
        }

        if (options.BucketSize < TimeSpan.FromSeconds(1) || options.BucketSize.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            problems.Add($"AccessLogOptions.BucketSize is {options.BucketSize}; it must be a whole number of seconds, at least 1 (log timestamps have one-second precision).");
        }

        if (options.MaxEndpoints < 1)
        {
            problems.Add($"AccessLogOptions.MaxEndpoints is {options.MaxEndpoints}; it must be at least 1.");
        }

        if (options.MaxSkippedShare is < 0 or > 1 || double.IsNaN(options.MaxSkippedShare))
        {
            problems.Add($"AccessLogOptions.MaxSkippedShare is {options.MaxSkippedShare}; it must be from 0 to 1 (0.01 = 1 %).");
        }

        if (options.MaxValuesPerPlaceholder < 1)
        {
            problems.Add($"AccessLogOptions.MaxValuesPerPlaceholder is {options.MaxValuesPerPlaceholder}; it must be at least 1.");
        }

        if (problems.Count > 0)
        {
            throw new ReplayConfigurationException(problems);
        }
    }

    private static string Utc(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
