namespace Replay.Testing.Load;

/// <summary>
/// Thread-safe counters and histograms of one population of requests (the whole run, or one phase), per endpoint
/// and in total; sized by endpoints, never by requests.
/// </summary>
internal sealed class LoadTally
{
    internal const int StatusCodeSlots = 600;
    internal static readonly string[] TransportErrorKinds = ["refused", "reset", "timeout", "dns", "aborted", "other"];

    private readonly long[] _endpointSent, _endpointCompleted, _endpointErrors, _endpointDropped, _endpointRetries, _endpointCheckFailures;
    private readonly long[] _endpointStatus;   // [endpoint * 600 + status]
    private readonly long[] _transportErrors = new long[TransportErrorKinds.Length];
    private readonly LatencyHistogram[] _endpointResponse, _endpointService;
    private long _sent, _completed, _errors, _dropped, _retries, _checkFailures;

    /// <param name="endpoints">How many endpoints the plan has.</param>
    /// <param name="endpointDigits">The precision of the per-endpoint histograms: 3 for the run, 2 for a phase's many.</param>
    public LoadTally(int endpoints, int endpointDigits = 3)
    {
        _endpointSent = new long[endpoints];
        _endpointCompleted = new long[endpoints];
        _endpointErrors = new long[endpoints];
        _endpointDropped = new long[endpoints];
        _endpointRetries = new long[endpoints];
        _endpointCheckFailures = new long[endpoints];
        _endpointStatus = new long[endpoints * StatusCodeSlots];
        _endpointResponse = Histograms(endpoints, endpointDigits);
        _endpointService = Histograms(endpoints, endpointDigits);
    }

    public LatencyHistogram Response { get; } = new();

    public LatencyHistogram Service { get; } = new();

    public LatencyHistogram Lag { get; } = new();

    public long Sent => Interlocked.Read(ref _sent);

    public long Completed => Interlocked.Read(ref _completed);

    public long Errors => Interlocked.Read(ref _errors);

    public long Dropped => Interlocked.Read(ref _dropped);

    public void RecordSent(int endpoint, long lagTicks)
    {
        Interlocked.Increment(ref _sent);
        Interlocked.Increment(ref _endpointSent[endpoint]);
        Lag.Record(lagTicks);
    }

    public void RecordRetry(int endpoint)
    {
        Interlocked.Increment(ref _retries);
        Interlocked.Increment(ref _endpointRetries[endpoint]);
    }

    public void RecordDropped(int endpoint)
    {
        Interlocked.Increment(ref _dropped);
        Interlocked.Increment(ref _endpointDropped[endpoint]);
    }

    public void RecordResponse(int endpoint, int slot, bool error, bool checkFailed)
    {
        Interlocked.Increment(ref _completed);
        Interlocked.Increment(ref _endpointCompleted[endpoint]);
        Interlocked.Increment(ref _endpointStatus[(endpoint * StatusCodeSlots) + slot]);
        if (checkFailed)
        {
            Interlocked.Increment(ref _checkFailures);
            Interlocked.Increment(ref _endpointCheckFailures[endpoint]);
        }

        if (error)
        {
            CountError(endpoint);
        }
    }

    public void RecordTransportError(int endpoint, int kind)
    {
        Interlocked.Increment(ref _transportErrors[kind]);
        CountError(endpoint);
    }

    public void RecordLatency(int endpoint, long responseTicks, long serviceTicks)
    {
        Response.Record(responseTicks);
        Service.Record(serviceTicks);
        _endpointResponse[endpoint].Record(responseTicks);
        _endpointService[endpoint].Record(serviceTicks);
    }

    /// <summary>The tally as a result; the caller adds what only it knows (time, buckets, examples).</summary>
    /// <param name="keys">The endpoint keys, by index.</param>
    /// <param name="planned">The arrivals planned per endpoint.</param>
    /// <param name="isChecked">Whether each endpoint has a response check.</param>
    public ReplayResult ToResult(IReadOnlyList<string> keys, long[] planned, bool[] isChecked)
    {
        var endpoints = keys.Select((key, i) => new EndpointResult
        {
            Key = key,
            Planned = planned[i],
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

        var statusCodes = new SortedDictionary<int, long>();
        foreach (var (code, count) in endpoints.SelectMany(e => e.StatusCodes))
        {
            statusCodes[code] = statusCodes.GetValueOrDefault(code) + count;
        }

        return new ReplayResult
        {
            Planned = planned.Sum(),
            Sent = Sent,
            Completed = Completed,
            Errors = Errors,
            Dropped = Dropped,
            Retries = Interlocked.Read(ref _retries),
            CheckedResponses = endpoints.Where((_, i) => isChecked[i]).Sum(e => e.Completed),
            CheckFailures = Interlocked.Read(ref _checkFailures),
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
        };
    }

    private void CountError(int endpoint)
    {
        Interlocked.Increment(ref _errors);
        Interlocked.Increment(ref _endpointErrors[endpoint]);
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

    private static LatencyHistogram[] Histograms(int count, int digits) =>
        Enumerable.Range(0, count).Select(_ => new LatencyHistogram(digits, compact: digits < 3)).ToArray();
}
