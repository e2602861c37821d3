using Replay.Testing.Plans;

namespace Replay.Testing.Load;

/// <summary>
/// Thread-safe counters and histograms of a run, sized by endpoints and buckets, never by requests.
/// </summary>
internal sealed class LoadRecorder
{
    private const int StatusCodeSlots = 600;
    internal static readonly string[] TransportErrorKinds = ["refused", "reset", "timeout", "dns", "aborted", "other"];

    private readonly ReplayPlan _plan;
    private readonly long[] _endpointPlanned, _endpointSent, _endpointCompleted, _endpointErrors, _endpointDropped, _endpointRetries, _endpointCheckFailures;
    private readonly long[] _bucketSent, _bucketCompleted, _bucketErrors, _bucketDropped;
    private readonly long[] _endpointStatus;   // [endpoint * 600 + status]
    private readonly long[] _bucketStatusClass; // [bucket * 6 + class]
    private readonly long[] _transportErrors = new long[TransportErrorKinds.Length];
    private readonly LatencyHistogram[] _endpointResponse, _endpointService, _bucketResponse, _bucketService;
    private long _sent, _completed, _errors, _dropped, _retries, _checkFailures;

    private readonly bool[] _errorStatus = new bool[StatusCodeSlots];

    private readonly bool[] _endpointChecked;

    public LoadRecorder(ReplayPlan plan, IReadOnlyList<int>? errorStatuses = null, IEnumerable<string>? checkedEndpoints = null)
    {
        _plan = plan;
        var checkedKeys = (checkedEndpoints ?? []).ToHashSet(StringComparer.Ordinal);
        _endpointChecked = plan.Endpoints.Select(e => checkedKeys.Contains(e.Key)).ToArray();
        for (int s = 500; s < StatusCodeSlots; s++)
        {
            _errorStatus[s] = true;
        }

        foreach (int code in errorStatuses ?? [])
        {
            _errorStatus[Math.Clamp(code, 0, StatusCodeSlots - 1)] = true;
        }

        int endpoints = plan.Endpoints.Count, buckets = plan.Buckets.Count;
        _endpointPlanned = new long[endpoints];
        foreach (var bucket in plan.Buckets)
        {
            for (int e = 0; e < endpoints; e++)
            {
                _endpointPlanned[e] += bucket.Counts[e];
            }
        }

        _endpointSent = new long[endpoints];
        _endpointCompleted = new long[endpoints];
        _endpointErrors = new long[endpoints];
        _endpointDropped = new long[endpoints];
        _endpointRetries = new long[endpoints];
        _endpointCheckFailures = new long[endpoints];
        CheckExamples = new ResponseCheckExamples(endpoints);
        _bucketSent = new long[buckets];
        _bucketCompleted = new long[buckets];
        _bucketErrors = new long[buckets];
        _bucketDropped = new long[buckets];
        _endpointStatus = new long[endpoints * StatusCodeSlots];
        _bucketStatusClass = new long[buckets * 6];
        _endpointResponse = NewHistograms(endpoints, 3);
        _endpointService = NewHistograms(endpoints, 3);
        _bucketResponse = NewHistograms(buckets, 2, compact: true);
        _bucketService = NewHistograms(buckets, 2, compact: true);
    }

    public LatencyHistogram Response { get; } = new();

    /// <summary>Where the response checks leave their examples.</summary>
    public ResponseCheckExamples CheckExamples { get; }

    public LatencyHistogram Service { get; } = new();

    public LatencyHistogram Lag { get; } = new();

    public long Sent => Interlocked.Read(ref _sent);

    public long Completed => Interlocked.Read(ref _completed);

    public long Errors => Interlocked.Read(ref _errors);

    public long Dropped => Interlocked.Read(ref _dropped);

    public void RecordSent(in PlannedArrival arrival, long lagTicks)
    {
        Interlocked.Increment(ref _sent);
        Interlocked.Increment(ref _endpointSent[arrival.EndpointIndex]);
        Interlocked.Increment(ref _bucketSent[arrival.BucketIndex]);
        Lag.Record(lagTicks);
    }

    public void RecordRetry(in PlannedArrival arrival)
    {
        Interlocked.Increment(ref _retries);
        Interlocked.Increment(ref _endpointRetries[arrival.EndpointIndex]);
    }

    public void RecordDropped(in PlannedArrival arrival)
    {
        Interlocked.Increment(ref _dropped);
        Interlocked.Increment(ref _endpointDropped[arrival.EndpointIndex]);
        Interlocked.Increment(ref _bucketDropped[arrival.BucketIndex]);
    }

    // A response that failed its check is an error of its own kind, counted once even when its status is one too;
    // it was answered, so its latency counts like any other answer's.
    public void RecordResponse(in PlannedArrival arrival, int status, long responseTicks, long serviceTicks, bool checkFailed = false)
    {
        Interlocked.Increment(ref _completed);
        Interlocked.Increment(ref _endpointCompleted[arrival.EndpointIndex]);
        Interlocked.Increment(ref _bucketCompleted[arrival.BucketIndex]);
        int slot = Math.Clamp(status, 0, StatusCodeSlots - 1);
        Interlocked.Increment(ref _endpointStatus[(arrival.EndpointIndex * StatusCodeSlots) + slot]);
        Interlocked.Increment(ref _bucketStatusClass[(arrival.BucketIndex * 6) + Math.Clamp(slot / 100, 0, 5)]);
        if (checkFailed)
        {
            Interlocked.Increment(ref _checkFailures);
            Interlocked.Increment(ref _endpointCheckFailures[arrival.EndpointIndex]);
        }

        if (_errorStatus[slot] || checkFailed)
        {
            CountError(arrival);
        }

        RecordLatency(arrival, responseTicks, serviceTicks);
    }

    public void RecordTransportError(in PlannedArrival arrival, string kind, long responseTicks, long serviceTicks)
    {
        Interlocked.Increment(ref _transportErrors[Array.IndexOf(TransportErrorKinds, kind)]);
        CountError(arrival);
        if (kind == "timeout")
        {
            // A timed-out request (or one still pending when the drain ended) was at least this slow; leaving it out
            // would flatter the percentiles. A refusal or reset is not a latency: it is counted as unanswered.
            RecordLatency(arrival, responseTicks, serviceTicks);
        }
    }

    public ReplayResult ToResult(DateTimeOffset startedAt, TimeSpan elapsed, long notStarted, bool cancelled)
    {
        var endpoints = _plan.Endpoints.Select((e, i) => new EndpointResult
        {
            Key = e.Key,
            Planned = _endpointPlanned[i],
            Sent = _endpointSent[i],
            Completed = _endpointCompleted[i],
            Errors = _endpointErrors[i],
            Dropped = _endpointDropped[i],
            Retries = _endpointRetries[i],
            CheckFailures = _endpointCheckFailures[i],
            StatusCodes = StatusCodesOf(i),
            ResponseTime = _endpointResponse[i].Summarize(),
            ServiceTime = _endpointService[i].Summarize(),
        }).ToList();

        var buckets = _plan.Buckets.Select(b => new BucketResult
        {
            Index = b.Index,
            SourceStart = b.SourceStart,
            Offset = b.Offset,
            Duration = b.Duration,
            Planned = b.Total,
            Sent = _bucketSent[b.Index],
            Completed = _bucketCompleted[b.Index],
            Errors = _bucketErrors[b.Index],
            Dropped = _bucketDropped[b.Index],
            StatusClasses = Enumerable.Range(1, 5)
                .Where(c => _bucketStatusClass[(b.Index * 6) + c] > 0)
                .ToDictionary(c => c, c => _bucketStatusClass[(b.Index * 6) + c]),
            ResponseTime = _bucketResponse[b.Index].Summarize(),
            ServiceTime = _bucketService[b.Index].Summarize(),
        }).ToList();

        var statusCodes = new SortedDictionary<int, long>();
        foreach (var endpoint in endpoints)
        {
            foreach (var (code, count) in endpoint.StatusCodes)
            {
                statusCodes[code] = statusCodes.GetValueOrDefault(code) + count;
            }
        }

        return new ReplayResult
        {
            StartedAt = startedAt,
            Elapsed = elapsed,
            PlannedDuration = _plan.Duration,
            Planned = _plan.TotalRequests,
            Sent = Sent,
            Completed = Completed,
            Errors = Errors,
            Dropped = Dropped,
            Retries = Interlocked.Read(ref _retries),
            CheckedResponses = endpoints.Where((_, i) => _endpointChecked[i]).Sum(e => e.Completed),
            CheckFailures = Interlocked.Read(ref _checkFailures),
            CheckExamples = CheckExamples.ToList(),
            NotStarted = notStarted,
            Cancelled = cancelled,
            StatusCodes = statusCodes,
            TransportErrors = TransportErrorKinds
                .Select((k, i) => (k, n: Interlocked.Read(ref _transportErrors[i])))
                .Where(x => x.n > 0)
                .ToDictionary(x => x.k, x => x.n),
            ResponseTime = Response.Summarize(),
            ServiceTime = Service.Summarize(),
            SchedulerLag = Lag.Summarize(),
            ResponseTimeDistribution = Response.Distribution(),
            Endpoints = endpoints,
            Buckets = buckets,
        };
    }

    private void CountError(in PlannedArrival arrival)
    {
        Interlocked.Increment(ref _errors);
        Interlocked.Increment(ref _endpointErrors[arrival.EndpointIndex]);
        Interlocked.Increment(ref _bucketErrors[arrival.BucketIndex]);
    }

    private void RecordLatency(in PlannedArrival arrival, long responseTicks, long serviceTicks)
    {
        Response.Record(responseTicks);
        Service.Record(serviceTicks);
        _endpointResponse[arrival.EndpointIndex].Record(responseTicks);
        _endpointService[arrival.EndpointIndex].Record(serviceTicks);
        _bucketResponse[arrival.BucketIndex].Record(responseTicks);
        _bucketService[arrival.BucketIndex].Record(serviceTicks);
    }

    private SortedDictionary<int, long> StatusCodesOf(int endpoint)
    {
        var codes = new SortedDictionary<int, long>();
        for (int s = 0; s < StatusCodeSlots; s++)
        {
            long n = _endpointStatus[(endpoint * StatusCodeSlots) + s];
            if (n > 0)
            {
                codes[s] = n;
            }
        }

        return codes;
    }

    private static LatencyHistogram[] NewHistograms(int count, int digits, bool compact = false) =>
        Enumerable.Range(0, count).Select(_ => new LatencyHistogram(digits, compact)).ToArray();
}
