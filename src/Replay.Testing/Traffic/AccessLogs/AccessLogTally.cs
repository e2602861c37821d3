using System.Runtime.InteropServices;
using System.Text;

namespace Replay.Testing.Traffic.AccessLogs;

/// <summary>
/// What one reader thread counted: requests per URL template and bucket, status classes per bucket, template value
/// pools and unreadable lines. Sized by templates and buckets, never by lines; tallies of several threads merge.
/// </summary>
internal sealed partial class AccessLogTally
{
    private const int MaxSamples = 5;
    private const int MaxSampleLength = 300;

    private readonly long _windowStart, _windowEnd, _bucketSeconds;
    private readonly int _buckets, _maxValues;
    private readonly RequestKeyTable _requests = new();
    private readonly List<int> _templateOfRequest = [];
    private readonly Dictionary<string, int> _templateIds = new(StringComparer.Ordinal);
    private readonly IAccessLogLineReader _reader;

    // The request sequence, when kept: each distinct method and target (query included) once, and one entry a request.
    private readonly RequestKeyTable? _targets;
    private readonly List<int> _templateOfTarget = [];
    private readonly List<SequenceEntry> _sequence = [];

    private readonly IReadOnlyList<UrlTemplateRule> _rules;

    public AccessLogTally(IncidentWindow window, TimeSpan bucketSize, int maxValuesPerPlaceholder, IAccessLogLineReader reader, bool keepSequence = false,
        IReadOnlyList<UrlTemplateRule>? rules = null)
    {
        _rules = rules ?? [];
        _reader = reader;
        _targets = keepSequence ? new RequestKeyTable() : null;
        _windowStart = window.Start.ToUnixTimeSeconds();
        _windowEnd = window.End.ToUnixTimeSeconds();
        _bucketSeconds = (long)bucketSize.TotalSeconds;
        _buckets = (int)((_windowEnd - _windowStart + _bucketSeconds - 1) / _bucketSeconds);
        _maxValues = maxValuesPerPlaceholder;
        StatusClasses = new long[_buckets * 6];
        ResponseBytes = new long[_buckets];
        RequestBytes = new long[_buckets];
    }

    /// <summary>Response body bytes per bucket, of the lines that logged them.</summary>
    public long[] ResponseBytes { get; }

    /// <summary>Request bytes per bucket, of the lines that logged them.</summary>
    public long[] RequestBytes { get; }

    /// <summary>Per template id: the seconds production took, summed, and how many in-window lines logged them.</summary>
    public Dictionary<int, (double Seconds, long Lines)> RequestTimes { get; } = [];

    /// <summary>In-window lines that logged their response size; a bucket's bytes are known only when some did.</summary>
    public long WithResponseBytes { get; private set; }

    /// <summary>In-window lines that logged their request size.</summary>
    public long WithRequestBytes { get; private set; }

    public long LinesRead { get; private set; }

    /// <summary>Lines skipped, blank ones included.</summary>
    public long LinesSkipped { get; private set; }

    /// <summary>Of the skipped lines, the blank ones.</summary>
    public long LinesEmpty { get; private set; }

    /// <summary>Readable lines whose time is outside the window.</summary>
    public long OutsideWindow { get; private set; }

    public List<string> Samples { get; } = [];

    public long InWindow { get; private set; }

    public long FirstSeen { get; private set; } = long.MaxValue;

    public long LastSeen { get; private set; } = long.MinValue;

    /// <summary>The template keys ("GET /products/{id}") by template id.</summary>
    public List<string> Templates { get; } = [];

    /// <summary>Requests per (template id, bucket), keyed <c>template * buckets + bucket</c>.</summary>
    public Dictionary<long, long> Counts { get; } = [];

    /// <summary>Responses per (bucket, status class 0–5), keyed <c>bucket * 6 + class</c>; class 0 is "other".</summary>
    public long[] StatusClasses { get; }

    /// <summary>Responses per (template id, status class 0–5), keyed <c>template * 6 + class</c>: production's status mix per endpoint.</summary>
    public Dictionary<long, long> TemplateStatusClasses { get; } = [];

    /// <summary>Concrete values per template id and placeholder name.</summary>
    public Dictionary<(int Template, string Name), HashSet<string>> Values { get; } = [];

    /// <summary>
    /// For pools that reached the cap: hashes of the distinct values seen beyond the kept ones, so the report can
    /// give the true distinct count while memory still grows with distinct URLs only.
    /// </summary>
    public Dictionary<(int Template, string Name), HashSet<ulong>> Overflow { get; } = [];

    /// <summary>The distinct values a placeholder's traffic held: kept plus overflowed.</summary>
    public long DistinctValues(int template, string name) =>
        (Values.TryGetValue((template, name), out var kept) ? kept.Count : 0) + (Overflow.TryGetValue((template, name), out var more) ? more.Count : 0);

    public int Buckets => _buckets;

    /// <summary>Adds a line.</summary>
    /// <param name="line">The line's bytes, without the line break.</param>
    /// <param name="position">Where the line is among all lines read (file, then offset): orders requests of the same second.</param>
    public void Add(ReadOnlySpan<byte> line, long position = 0)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        LinesRead++;
        if (line.IsEmpty)
        {
            // Counted, so that lines read are the file's line count; never a sample, and never a format problem.
            LinesSkipped++;
            LinesEmpty++;
            return;
        }

        if (!_reader.TryRead(line, out long seconds, out var method, out var target, out int status))
        {
            Skip(line);
            return;
        }

        FirstSeen = Math.Min(FirstSeen, seconds);
        LastSeen = Math.Max(LastSeen, seconds);
        if (seconds < _windowStart || seconds >= _windowEnd)
        {
            OutsideWindow++;
            return;
        }

        InWindow++;
        int bucket = (int)((seconds - _windowStart) / _bucketSeconds);
        int query = target.IndexOf((byte)'?');
        var (request, added) = _requests.GetOrAdd(method, query >= 0 ? target[..query] : target);
        if (added)
        {
            _templateOfRequest.Add(TemplateOf(request));
        }

        int template = _templateOfRequest[request];
        if (_targets is not null)
        {
            var (exact, isNew) = _targets.GetOrAdd(method, target);
            if (isNew)
            {
                _templateOfTarget.Add(template);
            }

            _sequence.Add(new SequenceEntry(seconds - _windowStart, position, exact));
        }

        CollectionsMarshal.GetValueRefOrAddDefault(Counts, ((long)template * _buckets) + bucket, out _)++;
        int statusClass = status is >= 100 and < 600 ? status / 100 : 0;
        StatusClasses[(bucket * 6) + statusClass]++;
        CollectionsMarshal.GetValueRefOrAddDefault(TemplateStatusClasses, ((long)template * 6) + statusClass, out _)++;
        if (_reader.ResponseBytes >= 0)
        {
            ResponseBytes[bucket] += _reader.ResponseBytes;
            WithResponseBytes++;
        }

        if (_reader.RequestBytes >= 0)
        {
            RequestBytes[bucket] += _reader.RequestBytes;
            WithRequestBytes++;
        }

        if (_reader.RequestSeconds >= 0)
        {
            ref var time = ref CollectionsMarshal.GetValueRefOrAddDefault(RequestTimes, template, out _);
            time = (time.Seconds + _reader.RequestSeconds, time.Lines + 1);
        }
    }

    /// <summary>Adds another thread's tally to this one.</summary>
    public void Merge(AccessLogTally other)
    {
        LinesRead += other.LinesRead;
        LinesSkipped += other.LinesSkipped;
        LinesEmpty += other.LinesEmpty;
        OutsideWindow += other.OutsideWindow;
        Samples.AddRange(other.Samples.Take(MaxSamples - Math.Min(MaxSamples, Samples.Count)));
        InWindow += other.InWindow;
        FirstSeen = Math.Min(FirstSeen, other.FirstSeen);
        LastSeen = Math.Max(LastSeen, other.LastSeen);
        for (int i = 0; i < StatusClasses.Length; i++)
        {
            StatusClasses[i] += other.StatusClasses[i];
        }

        for (int i = 0; i < _buckets; i++)
        {
            ResponseBytes[i] += other.ResponseBytes[i];
            RequestBytes[i] += other.RequestBytes[i];
        }

        WithResponseBytes += other.WithResponseBytes;
        WithRequestBytes += other.WithRequestBytes;

        var ids = other.Templates.Select(Template).ToArray();
        foreach (var (key, count) in other.Counts)
        {
            long mapped = ((long)ids[key / _buckets] * _buckets) + (key % _buckets);
            CollectionsMarshal.GetValueRefOrAddDefault(Counts, mapped, out _) += count;
        }

        foreach (var (key, count) in other.TemplateStatusClasses)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(TemplateStatusClasses, ((long)ids[key / 6] * 6) + (key % 6), out _) += count;
        }

        foreach (var (template, (seconds, lines)) in other.RequestTimes)
        {
            ref var time = ref CollectionsMarshal.GetValueRefOrAddDefault(RequestTimes, ids[template], out _);
            time = (time.Seconds + seconds, time.Lines + lines);
        }

        foreach (var ((template, name), values) in other.Values)
        {
            foreach (string value in values)
            {
                AddValue(ids[template], name, value);
            }
        }

        foreach (var ((template, name), hashes) in other.Overflow)
        {
            // The other pool was full, so this one is now full too: its hashes join ours unless a kept value has them.
            var kept = Values[(ids[template], name)].Select(Hash).ToHashSet();
            var overflow = OverflowOf(ids[template], name);
            foreach (ulong hash in hashes)
            {
                if (!kept.Contains(hash))
                {
                    overflow.Add(hash);
                }
            }
        }

        if (_targets is not null && other._targets is not null)
        {
            var targets = new int[other._targets.Count];
            for (int t = 0; t < targets.Length; t++)
            {
                var (method, target) = other._targets[t];
                var (exact, isNew) = _targets.GetOrAdd(method.Span, target.Span);
                if (isNew)
                {
                    _templateOfTarget.Add(ids[other._templateOfTarget[t]]);
                }

                targets[t] = exact;
            }

            foreach (var entry in other._sequence)
            {
                _sequence.Add(entry with { Target = targets[entry.Target] });
            }
        }
    }

    /// <summary>
    /// The kept requests in the order production received them. A log's times are whole seconds, so the requests of
    /// one second are spread evenly across it, in the order the log has them.
    /// </summary>
    public RequestSequence? Sequence()
    {
        if (_targets is null)
        {
            return null;
        }

        var entries = _sequence.ToArray();
        Array.Sort(entries, static (a, b) => a.Second != b.Second ? a.Second.CompareTo(b.Second) : a.Position.CompareTo(b.Position));
        var offsets = new long[entries.Length];
        var indexes = new int[entries.Length];
        for (int start = 0; start < entries.Length;)
        {
            int end = start;
            while (end < entries.Length && entries[end].Second == entries[start].Second)
            {
                end++;
            }

            int n = end - start;
            for (int k = 0; k < n; k++)
            {
                // Whole microseconds, as the snapshot's sequence file keeps them: a saved sequence replays the same.
                offsets[start + k] = (entries[start].Second * TimeSpan.TicksPerSecond) + ((long)((k + 0.5) / n * 1_000_000) * 10);
                indexes[start + k] = entries[start + k].Target;
            }

            start = end;
        }

        var targets = new RecordedTarget[_targets.Count];
        for (int t = 0; t < targets.Length; t++)
        {
            var (method, target) = _targets[t];
            targets[t] = new RecordedTarget(Encoding.ASCII.GetString(method.Span), Encoding.UTF8.GetString(target.Span), Templates[_templateOfTarget[t]]);
        }

        return new RequestSequence(targets, offsets, indexes);
    }

    private int TemplateOf(int request)
    {
        var (method, path) = _requests[request];
        var (template, values) = UrlTemplate.Of(Encoding.UTF8.GetString(path.Span), _rules);
        int id = Template(Encoding.ASCII.GetString(method.Span) + " " + template);
        foreach (var (name, value) in values)
        {
            AddValue(id, name, value);
        }

        return id;
    }

    private int Template(string key)
    {
        if (!_templateIds.TryGetValue(key, out int id))
        {
            id = Templates.Count;
            Templates.Add(key);
            _templateIds.Add(key, id);
        }

        return id;
    }

    private void AddValue(int template, string name, string value)
    {
        if (!Values.TryGetValue((template, name), out var pool))
        {
            Values[(template, name)] = pool = new HashSet<string>(StringComparer.Ordinal);
        }

        if (pool.Count < _maxValues)
        {
            pool.Add(value);
        }
        else if (!pool.Contains(value))
        {
            OverflowOf(template, name).Add(Hash(value));
        }
    }

    private HashSet<ulong> OverflowOf(int template, string name)
    {
        if (!Overflow.TryGetValue((template, name), out var overflow))
        {
            Overflow[(template, name)] = overflow = [];
        }

        return overflow;
    }

    // FNV-1a, 64 bits: stable across threads (string.GetHashCode is 32 bits, and collides within a large pool).
    private static ulong Hash(string value)
    {
        ulong hash = 14695981039346656037;
        foreach (char c in value)
        {
            hash = (hash ^ c) * 1099511628211;
        }

        return hash;
    }

    private void Skip(ReadOnlySpan<byte> line)
    {
        LinesSkipped++;
        if (Samples.Count < MaxSamples)
        {
            string text = Encoding.UTF8.GetString(line.Length > MaxSampleLength ? line[..MaxSampleLength] : line);
            Samples.Add(Escape(QueryString().Replace(text, "?…")));   // query strings carry tokens; samples go into reports
        }
    }

    // A NUL or an escape sequence in a sample would cut or garble the report's text, JSON and PDF.
    internal static string Escape(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            if (char.IsControl(c))
            {
                escaped.Append(c <= 0xFF ? $"\\x{(int)c:X2}" : $"\\u{(int)c:X4}");
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    private readonly record struct SequenceEntry(long Second, long Position, int Target);

    [System.Text.RegularExpressions.GeneratedRegex(@"\?[^\s""]*")]
    private static partial System.Text.RegularExpressions.Regex QueryString();
}
