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

    public AccessLogTally(IncidentWindow window, TimeSpan bucketSize, int maxValuesPerPlaceholder, IAccessLogLineReader reader)
    {
        _reader = reader;
        _windowStart = window.Start.ToUnixTimeSeconds();
        _windowEnd = window.End.ToUnixTimeSeconds();
        _bucketSeconds = (long)bucketSize.TotalSeconds;
        _buckets = (int)((_windowEnd - _windowStart + _bucketSeconds - 1) / _bucketSeconds);
        _maxValues = maxValuesPerPlaceholder;
        StatusClasses = new long[_buckets * 6];
    }

    public long LinesRead { get; private set; }

    public long LinesSkipped { get; private set; }

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

    /// <summary>Concrete values per template id and placeholder name.</summary>
    public Dictionary<(int Template, string Name), HashSet<string>> Values { get; } = [];

    public int Buckets => _buckets;

    public void Add(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (line.IsEmpty)
        {
            return;
        }

        LinesRead++;
        if (!_reader.TryRead(line, out long seconds, out var method, out var path, out int status))
        {
            Skip(line);
            return;
        }

        FirstSeen = Math.Min(FirstSeen, seconds);
        LastSeen = Math.Max(LastSeen, seconds);
        if (seconds < _windowStart || seconds >= _windowEnd)
        {
            return;
        }

        InWindow++;
        int bucket = (int)((seconds - _windowStart) / _bucketSeconds);
        var (request, added) = _requests.GetOrAdd(method, path);
        if (added)
        {
            _templateOfRequest.Add(TemplateOf(request));
        }

        int template = _templateOfRequest[request];
        CollectionsMarshal.GetValueRefOrAddDefault(Counts, ((long)template * _buckets) + bucket, out _)++;
        StatusClasses[(bucket * 6) + (status is >= 100 and < 600 ? status / 100 : 0)]++;
    }

    /// <summary>Adds another thread's tally to this one.</summary>
    public void Merge(AccessLogTally other)
    {
        LinesRead += other.LinesRead;
        LinesSkipped += other.LinesSkipped;
        Samples.AddRange(other.Samples.Take(MaxSamples - Math.Min(MaxSamples, Samples.Count)));
        InWindow += other.InWindow;
        FirstSeen = Math.Min(FirstSeen, other.FirstSeen);
        LastSeen = Math.Max(LastSeen, other.LastSeen);
        for (int i = 0; i < StatusClasses.Length; i++)
        {
            StatusClasses[i] += other.StatusClasses[i];
        }

        var ids = other.Templates.Select(Template).ToArray();
        foreach (var (key, count) in other.Counts)
        {
            long mapped = ((long)ids[key / _buckets] * _buckets) + (key % _buckets);
            CollectionsMarshal.GetValueRefOrAddDefault(Counts, mapped, out _) += count;
        }

        foreach (var ((template, name), values) in other.Values)
        {
            foreach (string value in values)
            {
                AddValue(ids[template], name, value);
            }
        }
    }

    private int TemplateOf(int request)
    {
        var (method, path) = _requests[request];
        var (template, values) = UrlTemplate.Of(Encoding.UTF8.GetString(path.Span));
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
    }

    private void Skip(ReadOnlySpan<byte> line)
    {
        LinesSkipped++;
        if (Samples.Count < MaxSamples)
        {
            string text = Encoding.UTF8.GetString(line.Length > MaxSampleLength ? line[..MaxSampleLength] : line);
            Samples.Add(QueryString().Replace(text, "?…"));   // query strings carry tokens; samples go into reports
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\?[^\s""]*")]
    private static partial System.Text.RegularExpressions.Regex QueryString();
}
