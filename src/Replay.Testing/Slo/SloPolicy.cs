using Replay.Testing.Load;
using Replay.Testing.Slo;

namespace Replay.Testing;

/// <summary>
/// The service-level objectives a replay must meet: response-time percentiles (measured from the intended send
/// time), the error rate, unanswered requests, the share of the planned rate achieved, dropped arrivals, the status
/// mix against production's, and the load generator's own health. Without any setting, the defaults protect: errors
/// at most 1 %, no unanswered request, 99 % of the plan sent, no dropped arrival, no status class more than 5 points
/// above production's share, and a generator that kept up; each can be changed, or switched off with null. Unset
/// latency limits are not checked.
/// </summary>
public sealed record SloPolicy
{
    /// <summary>The most the median response time may be.</summary>
    public TimeSpan? P50 { get; init; }

    /// <summary>The most the 90th-percentile response time may be.</summary>
    public TimeSpan? P90 { get; init; }

    /// <summary>The most the 95th-percentile response time may be.</summary>
    public TimeSpan? P95 { get; init; }

    /// <summary>The most the 99th-percentile response time may be.</summary>
    public TimeSpan? P99 { get; init; }

    /// <summary>The most the 99.9th-percentile response time may be.</summary>
    public TimeSpan? P999 { get; init; }

    /// <summary>The most the slowest response may take.</summary>
    public TimeSpan? Max { get; init; }

    /// <summary>
    /// The largest share of requests sent that may fail (transport error, timeout, 5xx, or a code listed in
    /// <see cref="Load.LoadEngineOptions.ErrorStatuses"/>), from 0 to 1. Default 0.01 (1 %); null switches it off.
    /// </summary>
    public double? MaxErrorRate { get; init; } = 0.01;

    /// <summary>
    /// The smallest share of planned requests that must be sent, from 0 to 1. Default 0.99 (99 %): a replay that sent
    /// less did not replay the incident. Null switches it off.
    /// </summary>
    public double? MinAchievedRate { get; init; } = 0.99;

    /// <summary>
    /// The most arrivals that may be dropped because the in-flight cap was reached. Default 0: a dropped arrival
    /// means the replay did not send the incident's traffic, so it fails the verdict unless allowed here.
    /// </summary>
    public long? MaxDroppedArrivals { get; init; } = 0;

    /// <summary>
    /// The most requests that may get no HTTP response at all (refused, reset, timed out, still pending when the
    /// drain ended). Default 0: a request nobody answered has no latency to judge, so it cannot be part of a pass.
    /// Null switches it off.
    /// </summary>
    public long? MaxUnansweredRequests { get; init; } = 0;

    /// <summary>
    /// How far the replay's share of 1xx, 3xx or 4xx answers may rise above production's share during the window, in
    /// share points from 0 to 1. Default 0.05 (5 percentage points): a clone that answers 401 or 404 fast, because a
    /// session is missing, a base path is wrong or a route was renamed, did not serve the incident's traffic.
    /// Checked for the whole replay, and per endpoint where the traffic source has per-endpoint status codes. Null
    /// switches it off. A source without status classes makes the check "n/a", never a silent pass.
    /// </summary>
    public double? StatusMixTolerance { get; init; } = 0.05;

    /// <summary>
    /// The most the load generator's 99th-percentile scheduler lag (how late requests left after their planned time)
    /// may be. Default 10 ms. Beyond it the verdict is INCONCLUSIVE: the response times are then partly the
    /// generator's own queueing. Null switches it off.
    /// </summary>
    public TimeSpan? MaxSchedulerLag { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// The most CPU the load generator's process may use over its busiest five seconds, from 0 to 1 of the cores it
    /// may use. Default 0.95. Beyond it the verdict is INCONCLUSIVE. Null switches it off.
    /// </summary>
    public double? MaxGeneratorCpu { get; init; } = 0.95;

    /// <summary>
    /// Whether an INCONCLUSIVE verdict fails the test. Default true: a replay whose generator fell behind proved
    /// nothing, and a pipeline should not go green on it.
    /// </summary>
    public bool FailWhenInconclusive { get; init; } = true;

    /// <summary>
    /// Limits per endpoint, keyed as in the profile (<c>"GET /products/{id}"</c>). A key the replay did not send
    /// fails its check, so a misspelled or renamed endpoint cannot pass unnoticed.
    /// </summary>
    public IReadOnlyDictionary<string, EndpointSlo> Endpoints { get; init; } = new Dictionary<string, EndpointSlo>();

    /// <summary>
    /// Holds every endpoint to production's own figures during the incident, where the traffic source has them: the
    /// median to production's p50 and the p95 to production's p96 (Upsun's percentiles), each plus
    /// <see cref="RelativeTolerance"/>. Production was struggling then, so this is the least a fix must do.
    /// </summary>
    public bool NoWorseThanProduction { get; init; }

    /// <summary>
    /// Holds the replay to the baseline replay (<see cref="ReplayRun.ReplayBaselineAsync"/>, the build before the
    /// fix): its p95, p99 and error rate may not be worse, beyond <see cref="RelativeTolerance"/>. Without a baseline
    /// replay the check fails and says so.
    /// </summary>
    public bool NoWorseThanBaseline { get; init; }

    /// <summary>How much worse than production or the baseline a relative SLO allows, as a ratio. Default 0.1 (10 %).</summary>
    public double RelativeTolerance { get; init; } = 0.1;

    /// <summary>Each limit that cannot work (a share outside 0 to 1, a negative count or duration), named by its property.</summary>
    internal IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var (name, value) in new (string, double?)[]
        {
            (nameof(MaxErrorRate), MaxErrorRate), (nameof(MinAchievedRate), MinAchievedRate),
            (nameof(StatusMixTolerance), StatusMixTolerance), (nameof(MaxGeneratorCpu), MaxGeneratorCpu),
        }.Concat(Endpoints.Select(e => ($"{nameof(Endpoints)}[\"{e.Key}\"].{nameof(EndpointSlo.MaxErrorRate)}", e.Value.MaxErrorRate))))
        {
            if (value is { } v && (v is < 0 or > 1 || double.IsNaN(v)))
            {
                problems.Add($"SloPolicy.{name} is {v.ToString(System.Globalization.CultureInfo.InvariantCulture)}; it is a share from 0 to 1 (0.05 = 5 %).");
            }
        }

        if (MaxDroppedArrivals is < 0 || MaxUnansweredRequests is < 0)
        {
            problems.Add($"SloPolicy.{(MaxDroppedArrivals is < 0 ? nameof(MaxDroppedArrivals) : nameof(MaxUnansweredRequests))} is negative; it is a count of requests.");
        }

        if (new[] { P50, P90, P95, P99, P999, Max, MaxSchedulerLag }.Any(d => d < TimeSpan.Zero))
        {
            problems.Add("SloPolicy has a negative duration limit; response-time and lag limits are positive durations.");
        }

        if (RelativeTolerance < 0 || double.IsNaN(RelativeTolerance))
        {
            problems.Add($"SloPolicy.RelativeTolerance is {RelativeTolerance}; it is a ratio of at least 0 (0.1 = 10 % worse allowed).");
        }

        return problems;
    }

    /// <summary>
    /// A policy with every protective default switched off, to which the limits wanted are added: what a single
    /// assertion such as <c>HaveP95Below</c> judges. A replay judged by it alone proves only those limits.
    /// </summary>
    public static SloPolicy WithoutDefaults { get; } = new()
    {
        MaxErrorRate = null,
        MinAchievedRate = null,
        MaxDroppedArrivals = null,
        MaxUnansweredRequests = null,
        StatusMixTolerance = null,
        MaxSchedulerLag = null,
        MaxGeneratorCpu = null,
    };

    /// <summary>Checks a result against the policy's absolute limits.</summary>
    public SloVerdict Evaluate(ReplayResult result) => Evaluate(result, production: null, baseline: null);

    /// <summary>Checks a result against the policy, the relative SLOs included.</summary>
    /// <param name="result">The replay's measurements.</param>
    /// <param name="production">The incident's traffic profile, for <see cref="NoWorseThanProduction"/> and <see cref="StatusMixTolerance"/>.</param>
    /// <param name="baseline">The baseline replay's measurements, for <see cref="NoWorseThanBaseline"/>.</param>
    public SloVerdict Evaluate(ReplayResult result, Traffic.TrafficProfile? production, ReplayResult? baseline)
    {
        ArgumentNullException.ThrowIfNull(result);
        var checks = new List<SloCheck>();
        AddRunChecks(checks, result);
        if (StatusMixTolerance is { } tolerance)
        {
            checks.AddRange(StatusMixCheck.Evaluate(tolerance, result, production));
        }

        if (NoWorseThanProduction)
        {
            AddProduction(checks, result, production);
        }

        if (NoWorseThanBaseline)
        {
            AddBaseline(checks, result, baseline);
        }

        checks.AddRange(GeneratorChecks.Evaluate(MaxSchedulerLag, MaxGeneratorCpu, result));

        // Each phase is judged as a replay of its own, so a spike's p95 cannot hide in the calm's: the same limits,
        // the phase's own requests. The status mix and production's percentiles are the window's, judged on the whole.
        foreach (var phase in result.Phases)
        {
            var phaseChecks = new List<SloCheck>();
            AddRunChecks(phaseChecks, phase.Result);
            if (NoWorseThanBaseline && baseline?.Phases.FirstOrDefault(p => p.Name == phase.Name) is { } baselinePhase)
            {
                AddBaseline(phaseChecks, phase.Result, baselinePhase.Result);
            }

            phaseChecks.AddRange(GeneratorChecks.Evaluate(MaxSchedulerLag, maxCpu: null, phase.Result));
            checks.AddRange(phaseChecks.Select(c => c with { Phase = phase.Name }));
        }

        return new SloVerdict(checks);
    }

    // The limits that hold for any population of requests: the whole replay, or one phase of it.
    private void AddRunChecks(List<SloCheck> checks, ReplayResult result)
    {
        AddLatency(checks, "p50", P50, result.ResponseTime, result.Sent, result.ResponseTime.P50Ms);
        AddLatency(checks, "p90", P90, result.ResponseTime, result.Sent, result.ResponseTime.P90Ms);
        AddLatency(checks, "p95", P95, result.ResponseTime, result.Sent, result.ResponseTime.P95Ms);
        AddLatency(checks, "p99", P99, result.ResponseTime, result.Sent, result.ResponseTime.P99Ms);
        AddLatency(checks, "p99.9", P999, result.ResponseTime, result.Sent, result.ResponseTime.P999Ms);
        AddLatency(checks, "max", Max, result.ResponseTime, result.Sent, result.ResponseTime.MaxMs);

        if (MaxErrorRate is { } maxErrors)
        {
            checks.Add(new SloCheck(SloCheck.AllEndpoints, "error rate", "<= " + SloText.Percent(maxErrors),
                SloText.Percent(result.ErrorRate), result.ErrorRate <= maxErrors, maxErrors, result.ErrorRate));
        }

        if (MaxUnansweredRequests is { } maxUnanswered)
        {
            checks.Add(UnansweredCheck(result, maxUnanswered));
        }

        if (MinAchievedRate is { } minRate)
        {
            checks.Add(new SloCheck(SloCheck.AllEndpoints, "achieved rate", ">= " + SloText.Percent(minRate),
                SloText.Percent(result.AchievedRateRatio), result.AchievedRateRatio >= minRate, minRate, result.AchievedRateRatio));
        }

        if (MaxDroppedArrivals is { } maxDropped)
        {
            checks.Add(new SloCheck(SloCheck.AllEndpoints, "dropped arrivals", "<= " + SloText.Count(maxDropped),
                SloText.Count(result.Dropped), result.Dropped <= maxDropped, maxDropped, result.Dropped));
        }

        foreach (var (key, slo) in Endpoints)
        {
            AddEndpoint(checks, key, slo, result.Endpoints.FirstOrDefault(e => e.Key == key));
        }
    }

    private static SloCheck UnansweredCheck(ReplayResult result, long maxUnanswered)
    {
        long unanswered = result.Unanswered;
        string measured = unanswered == 0 ? "0"
            : SloText.Count(unanswered) + " (" + string.Join(", ", result.TransportErrors.OrderByDescending(e => e.Value).Select(e => $"{e.Key} {SloText.Count(e.Value)}")) + ")";
        return new SloCheck(SloCheck.AllEndpoints, "unanswered requests", "<= " + SloText.Count(maxUnanswered), measured,
            unanswered <= maxUnanswered, maxUnanswered, unanswered);
    }

    // A percentile of nothing is not zero: a target that answered nothing has no latency to pass with. Nor is a
    // percentile of the few requests that were answered when most failed fast: those few are the lucky ones.
    private static void AddLatency(List<SloCheck> checks, string percentile, TimeSpan? limit, LatencySummary measured, long sent,
        double measuredMs, string scope = SloCheck.AllEndpoints)
    {
        if (limit is not { } l)
        {
            return;
        }

        if (measured.Count == 0 || measured.Count < sent * MinJudgedShare)
        {
            // Nothing (or too little) answered is the target's failure, whatever the generator did.
            string why = measured.Count == 0 ? NoResponses
                : $"only {SloText.Count(measured.Count)} of {SloText.Count(sent)} answered: too few to judge";
            checks.Add(new SloCheck(scope, percentile + " response time", "<= " + SloText.Milliseconds(l.TotalMilliseconds),
                why, false, l.TotalMilliseconds, double.NaN));
            return;
        }

        AddAtMost(checks, scope, percentile + " response time", l.TotalMilliseconds, measuredMs);
    }

    // Below this share of the requests sent with a latency (answered, or given up on after waiting), a percentile
    // describes the survivors rather than the replay.
    private const double MinJudgedShare = 0.5;

    /// <summary>What a latency check over zero responses says.</summary>
    internal const string NoResponses = "no responses to judge";


    private static void AddAtMost(List<SloCheck> checks, string scope, string metric, double limitMs, double measuredMs) =>
        checks.Add(new SloCheck(scope, metric, "<= " + SloText.Milliseconds(limitMs), SloText.Milliseconds(measuredMs),
            measuredMs <= limitMs, limitMs, measuredMs) { Kind = SloCheckKind.Latency });

    private static void AddEndpoint(List<SloCheck> checks, string key, EndpointSlo slo, EndpointResult? endpoint)
    {
        if (endpoint is null || endpoint.Sent == 0)
        {
            checks.Add(new SloCheck(key, "endpoint", "replayed", "not in the replay", false, 1, 0));
            return;
        }

        AddLatency(checks, "p50", slo.P50, endpoint.ResponseTime, endpoint.Sent, endpoint.ResponseTime.P50Ms, key);
        AddLatency(checks, "p90", slo.P90, endpoint.ResponseTime, endpoint.Sent, endpoint.ResponseTime.P90Ms, key);
        AddLatency(checks, "p95", slo.P95, endpoint.ResponseTime, endpoint.Sent, endpoint.ResponseTime.P95Ms, key);
        AddLatency(checks, "p99", slo.P99, endpoint.ResponseTime, endpoint.Sent, endpoint.ResponseTime.P99Ms, key);
        AddLatency(checks, "max", slo.Max, endpoint.ResponseTime, endpoint.Sent, endpoint.ResponseTime.MaxMs, key);
        if (slo.MaxErrorRate is { } maxErrors)
        {
            checks.Add(new SloCheck(key, "error rate", "<= " + SloText.Percent(maxErrors), SloText.Percent(endpoint.ErrorRate),
                endpoint.ErrorRate <= maxErrors, maxErrors, endpoint.ErrorRate));
        }
    }

    private void AddProduction(List<SloCheck> checks, ReplayResult result, Traffic.TrafficProfile? production)
    {
        int before = checks.Count;
        foreach (var measured in result.Endpoints.Where(e => e.ResponseTime.Count > 0))
        {
            var incident = production?.Endpoints.FirstOrDefault(e => e.Key == measured.Key);
            if (incident?.P50Milliseconds is { } p50)
            {
                AddAtMost(checks, measured.Key, "p50 vs production p50", p50 * (1 + RelativeTolerance), measured.ResponseTime.P50Ms);
            }

            if (incident?.P96Milliseconds is { } p96)
            {
                AddAtMost(checks, measured.Key, "p95 vs production p96", p96 * (1 + RelativeTolerance), measured.ResponseTime.P95Ms);
            }
        }

        if (checks.Count == before)
        {
            checks.Add(new SloCheck(SloCheck.AllEndpoints, "no worse than production", "production percentiles",
                "none in the traffic source", false, 1, 0));
        }

        // Production's own error rate during the window: its 5xx share, where the source counted status classes.
        var statuses = StatusMixCheck.ProductionStatuses(production);
        if (statuses is null)
        {
            checks.Add(SloCheck.NotAvailable(SloCheck.AllEndpoints, "error rate vs production", "production's 5xx share",
                "no status classes in the traffic source"));
            return;
        }

        double productionErrors = (double)statuses.ServerError / statuses.Total;
        double limit = productionErrors * (1 + RelativeTolerance);
        checks.Add(new SloCheck(SloCheck.AllEndpoints, "error rate vs production", "<= " + SloText.Percent(limit),
            SloText.Percent(result.ErrorRate), result.ErrorRate <= limit, limit, result.ErrorRate));
    }

    private void AddBaseline(List<SloCheck> checks, ReplayResult result, ReplayResult? baseline)
    {
        if (baseline is null)
        {
            checks.Add(new SloCheck(SloCheck.AllEndpoints, "no worse than baseline", "a baseline replay",
                "none: call run.ReplayBaselineAsync before run.ReplayAsync", false, 1, 0));
            return;
        }

        AddAtMost(checks, SloCheck.AllEndpoints, "p95 vs baseline", baseline.ResponseTime.P95Ms * (1 + RelativeTolerance), result.ResponseTime.P95Ms);
        AddAtMost(checks, SloCheck.AllEndpoints, "p99 vs baseline", baseline.ResponseTime.P99Ms * (1 + RelativeTolerance), result.ResponseTime.P99Ms);
        double maxErrors = baseline.ErrorRate * (1 + RelativeTolerance);
        checks.Add(new SloCheck(SloCheck.AllEndpoints, "error rate vs baseline", "<= " + SloText.Percent(maxErrors),
            SloText.Percent(result.ErrorRate), result.ErrorRate <= maxErrors, maxErrors, result.ErrorRate));
    }
}
