using Replay.Testing.Plans;

namespace Replay.Testing.Load;

/// <summary>
/// Thread-safe counters and histograms of a run, in total, per phase and per bucket; sized by endpoints, phases and
/// buckets, never by requests.
/// </summary>
internal sealed class LoadRecorder
{
    private readonly ReplayPlan _plan;
    private readonly LoadTally _run;
    private readonly LoadTally[] _phases;
    private readonly int[] _phaseOfBucket;   // -1: in no phase
    private readonly long[] _endpointPlanned;
    private readonly long[][] _phaseEndpointPlanned;
    private readonly long[] _bucketSent, _bucketCompleted, _bucketErrors, _bucketDropped;
    private readonly long[] _bucketStatusClass; // [bucket * 6 + class]
    private readonly LatencyHistogram[] _bucketResponse, _bucketService;
    private readonly bool[] _errorStatus = new bool[LoadTally.StatusCodeSlots];
    private readonly bool[] _endpointChecked;

    public LoadRecorder(ReplayPlan plan, IReadOnlyList<int>? errorStatuses = null, IEnumerable<string>? checkedEndpoints = null)
    {
        _plan = plan;
        var checkedKeys = (checkedEndpoints ?? []).ToHashSet(StringComparer.Ordinal);
        _endpointChecked = plan.Endpoints.Select(e => checkedKeys.Contains(e.Key)).ToArray();
        for (int s = 500; s < LoadTally.StatusCodeSlots; s++)
        {
            _errorStatus[s] = true;
        }

        foreach (int code in errorStatuses ?? [])
        {
            _errorStatus[Math.Clamp(code, 0, LoadTally.StatusCodeSlots - 1)] = true;
        }

        int endpoints = plan.Endpoints.Count, buckets = plan.Buckets.Count;
        _run = new LoadTally(endpoints);
        _phases = plan.Phases.Select(_ => new LoadTally(endpoints, endpointDigits: 2)).ToArray();
        _phaseOfBucket = Enumerable.Repeat(-1, buckets).ToArray();
        for (int p = 0; p < plan.Phases.Count; p++)
        {
            foreach (int b in plan.Phases[p].Buckets)
            {
                _phaseOfBucket[b] = p;
            }
        }

        _endpointPlanned = PlannedPerEndpoint(plan.Buckets);
        _phaseEndpointPlanned = plan.Phases.Select(p => PlannedPerEndpoint(p.Buckets.Select(b => plan.Buckets[b]))).ToArray();
        CheckExamples = new ResponseCheckExamples(endpoints);
        _bucketSent = new long[buckets];
        _bucketCompleted = new long[buckets];
        _bucketErrors = new long[buckets];
        _bucketDropped = new long[buckets];
        _bucketStatusClass = new long[buckets * 6];
        _bucketResponse = NewHistograms(buckets);
        _bucketService = NewHistograms(buckets);
    }

    /// <summary>Where the response checks leave their examples.</summary>
    public ResponseCheckExamples CheckExamples { get; }

    public LatencyHistogram Response => _run.Response;

    public LatencyHistogram Service => _run.Service;

    public LatencyHistogram Lag => _run.Lag;

    public long Sent => _run.Sent;

    public long Completed => _run.Completed;

    public long Errors => _run.Errors;

    public long Dropped => _run.Dropped;

    public void RecordSent(in PlannedArrival arrival, long lagTicks)
    {
        _run.RecordSent(arrival.EndpointIndex, lagTicks);
        PhaseOf(arrival)?.RecordSent(arrival.EndpointIndex, lagTicks);
        Interlocked.Increment(ref _bucketSent[arrival.BucketIndex]);
    }

    public void RecordRetry(in PlannedArrival arrival)
    {
        _run.RecordRetry(arrival.EndpointIndex);
        PhaseOf(arrival)?.RecordRetry(arrival.EndpointIndex);
    }

    public void RecordDropped(in PlannedArrival arrival)
    {
        _run.RecordDropped(arrival.EndpointIndex);
        PhaseOf(arrival)?.RecordDropped(arrival.EndpointIndex);
        Interlocked.Increment(ref _bucketDropped[arrival.BucketIndex]);
    }

    // A response that failed its check is an error of its own kind, counted once even when its status is one too;
    // it was answered, so its latency counts like any other answer's.
    public void RecordResponse(in PlannedArrival arrival, int status, long responseTicks, long serviceTicks, bool checkFailed = false)
    {
        int slot = Math.Clamp(status, 0, LoadTally.StatusCodeSlots - 1);
        bool error = _errorStatus[slot] || checkFailed;
        _run.RecordResponse(arrival.EndpointIndex, slot, error, checkFailed);
        PhaseOf(arrival)?.RecordResponse(arrival.EndpointIndex, slot, error, checkFailed);
        Interlocked.Increment(ref _bucketCompleted[arrival.BucketIndex]);
        Interlocked.Increment(ref _bucketStatusClass[(arrival.BucketIndex * 6) + Math.Clamp(slot / 100, 0, 5)]);
        if (error)
        {
            Interlocked.Increment(ref _bucketErrors[arrival.BucketIndex]);
        }

        RecordLatency(arrival, responseTicks, serviceTicks);
    }

    public void RecordTransportError(in PlannedArrival arrival, string kind, long responseTicks, long serviceTicks)
    {
        int kindIndex = Array.IndexOf(LoadTally.TransportErrorKinds, kind);
        _run.RecordTransportError(arrival.EndpointIndex, kindIndex);
        PhaseOf(arrival)?.RecordTransportError(arrival.EndpointIndex, kindIndex);
        Interlocked.Increment(ref _bucketErrors[arrival.BucketIndex]);
        if (kind == "timeout")
        {
            // A timed-out request (or one still pending when the drain ended) was at least this slow; leaving it out
            // would flatter the percentiles. A refusal or reset is not a latency: it is counted as unanswered.
            RecordLatency(arrival, responseTicks, serviceTicks);
        }
    }

    public ReplayResult ToResult(DateTimeOffset startedAt, TimeSpan elapsed, long notStarted, bool cancelled)
    {
        var keys = _plan.Endpoints.Select(e => e.Key).ToList();
        var buckets = _plan.Buckets.Select(ToBucketResult).ToList();
        var phases = _plan.Phases.Select((phase, p) => new PhaseResult
        {
            Name = phase.Name,
            Reason = phase.Reason,
            SourceDuration = phase.SourceDuration,
            Duration = phase.Duration,
            Result = _phases[p].ToResult(keys, _phaseEndpointPlanned[p], _endpointChecked) with
            {
                StartedAt = startedAt,
                PlannedDuration = phase.Duration,
                Buckets = phase.Buckets.Select(b => buckets[b]).ToList(),
            },
        }).ToList();

        return _run.ToResult(keys, _endpointPlanned, _endpointChecked) with
        {
            StartedAt = startedAt,
            Elapsed = elapsed,
            PlannedDuration = _plan.Duration,
            Planned = _plan.TotalRequests,
            CheckExamples = CheckExamples.ToList(),
            NotStarted = notStarted,
            Cancelled = cancelled,
            Buckets = buckets,
            Phases = phases,
        };
    }

    private LoadTally? PhaseOf(in PlannedArrival arrival) =>
        _phaseOfBucket[arrival.BucketIndex] is var p and >= 0 ? _phases[p] : null;

    private BucketResult ToBucketResult(PlannedBucket b) => new()
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
    };

    private void RecordLatency(in PlannedArrival arrival, long responseTicks, long serviceTicks)
    {
        _run.RecordLatency(arrival.EndpointIndex, responseTicks, serviceTicks);
        PhaseOf(arrival)?.RecordLatency(arrival.EndpointIndex, responseTicks, serviceTicks);
        _bucketResponse[arrival.BucketIndex].Record(responseTicks);
        _bucketService[arrival.BucketIndex].Record(serviceTicks);
    }

    private long[] PlannedPerEndpoint(IEnumerable<PlannedBucket> buckets)
    {
        var planned = new long[_plan.Endpoints.Count];
        foreach (var bucket in buckets)
        {
            for (int e = 0; e < planned.Length; e++)
            {
                planned[e] += bucket.Counts[e];
            }
        }

        return planned;
    }

    private static LatencyHistogram[] NewHistograms(int count) =>
        Enumerable.Range(0, count).Select(_ => new LatencyHistogram(2, compact: true)).ToArray();
}
