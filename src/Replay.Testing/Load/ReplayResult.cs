namespace Replay.Testing.Load;

/// <summary>Everything the load engine measured during a replay. Plain data: it round-trips through JSON.</summary>
public sealed record ReplayResult
{
    /// <summary>When the first arrival was due.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>From the first arrival to the end of the drain.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The planned length of the replay.</summary>
    public TimeSpan PlannedDuration { get; init; }

    /// <summary>Unrecorded requests sent before the clock started (see <see cref="LoadEngineOptions.WarmUp"/>).</summary>
    public long WarmUpRequests { get; init; }

    /// <summary>Arrivals planned.</summary>
    public long Planned { get; init; }

    /// <summary>Requests sent.</summary>
    public long Sent { get; init; }

    /// <summary>Responses received, whatever their status.</summary>
    public long Completed { get; init; }

    /// <summary>
    /// Transport errors, timeouts, 5xx responses, codes listed in <see cref="LoadEngineOptions.ErrorStatuses"/>, and
    /// responses that failed their check (<see cref="CheckFailures"/>); a request is one error at most.
    /// </summary>
    public long Errors { get; init; }

    /// <summary>Arrivals not sent because the in-flight cap was reached.</summary>
    public long Dropped { get; init; }

    /// <summary>Attempts sent again after a 5xx, a timeout or a transport error (<see cref="LoadEngineOptions.Retries"/>), beside the first attempts counted in <see cref="Sent"/>.</summary>
    public long Retries { get; init; }

    /// <summary>Arrivals never reached because the run was cancelled.</summary>
    public long NotStarted { get; init; }

    /// <summary>Whether the run was cancelled before its schedule ended.</summary>
    public bool Cancelled { get; init; }

    /// <summary>Responses of endpoints that have a <see cref="ResponseCheck"/> (<see cref="LoadEngineOptions.ResponseChecks"/>); 0 when none has.</summary>
    public long CheckedResponses { get; init; }

    /// <summary>Responses that failed their endpoint's <see cref="ResponseCheck"/> (also counted in <see cref="Errors"/>).</summary>
    public long CheckFailures { get; init; }

    /// <summary>
    /// A few responses that failed their check (up to five per endpoint, in plan order), secrets in their bodies masked.
    /// </summary>
    public IReadOnlyList<ResponseCheckExample> CheckExamples { get; init; } = [];

    /// <summary>Responses by status code.</summary>
    public IReadOnlyDictionary<int, long> StatusCodes { get; init; } = new Dictionary<int, long>();

    /// <summary>
    /// Requests that got no response, by kind: <c>refused</c>, <c>reset</c>, <c>timeout</c> (also a request still
    /// pending when the drain ended), <c>dns</c>, <c>aborted</c> (the run was cancelled), <c>other</c>.
    /// </summary>
    public IReadOnlyDictionary<string, long> TransportErrors { get; init; } = new Dictionary<string, long>();

    /// <summary>
    /// Response time from the intended send time (coordinated-omission safe): every answered request, and every
    /// request that timed out or was still pending at the end, at the time it was given up (a lower bound).
    /// </summary>
    public LatencySummary ResponseTime { get; init; } = LatencySummary.Empty;

    /// <summary>Service time from the actual send, all requests.</summary>
    public LatencySummary ServiceTime { get; init; } = LatencySummary.Empty;

    /// <summary>How late the scheduler sent requests after their intended time.</summary>
    public LatencySummary SchedulerLag { get; init; } = LatencySummary.Empty;

    /// <summary>The response-time distribution of all requests, for percentile plots (logarithmic percentile axis).</summary>
    public IReadOnlyList<PercentilePoint> ResponseTimeDistribution { get; init; } = [];

    /// <summary>Per endpoint, in plan order.</summary>
    public IReadOnlyList<EndpointResult> Endpoints { get; init; } = [];

    /// <summary>Per bucket, in time order.</summary>
    public IReadOnlyList<BucketResult> Buckets { get; init; } = [];

    /// <summary>
    /// Per phase of the incident (<see cref="Plans.ReplayPlan.Phases"/>), "calm" first; empty when the replay is judged
    /// as one phase.
    /// </summary>
    public IReadOnlyList<PhaseResult> Phases { get; init; } = [];

    /// <summary>The load generator's own CPU during the replay, if sampled.</summary>
    public GeneratorUsage? Generator { get; init; }

    /// <summary>
    /// Requests sent that got no HTTP response at all (refused, reset, timed out, still pending when the drain ended):
    /// the sum of <see cref="TransportErrors"/>.
    /// </summary>
    public long Unanswered => TransportErrors.Values.Sum();

    /// <summary>Errors per request sent, from 0 to 1.</summary>
    public double ErrorRate => Sent == 0 ? 0 : (double)Errors / Sent;

    /// <summary>Requests sent per request planned, from 0 to 1.</summary>
    public double AchievedRateRatio => Planned == 0 ? 1 : (double)Sent / Planned;

    /// <summary>Requests sent per second of the planned duration.</summary>
    public double AchievedRate => PlannedDuration <= TimeSpan.Zero ? 0 : Sent / PlannedDuration.TotalSeconds;
}
