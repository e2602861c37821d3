namespace Replay.Testing.Traffic;

/// <summary>
/// What production served during an incident window: which endpoints were hit and how often, and the request-rate
/// curve as a timeline of equal buckets. Every traffic source produces one; the planner turns it into arrivals.
/// </summary>
public sealed record TrafficProfile
{
    /// <summary>The incident window the traffic was read for.</summary>
    public required IncidentWindow Window { get; init; }

    /// <summary>The length of one timeline bucket (Upsun's <c>_grain</c>, a log's aggregation step).</summary>
    public required TimeSpan BucketSize { get; init; }

    /// <summary>The endpoints, most requested first.</summary>
    public required IReadOnlyList<TrafficEndpoint> Endpoints { get; init; }

    /// <summary>The buckets covering the window, in time order.</summary>
    public required IReadOnlyList<TrafficBucket> Timeline { get; init; }

    /// <summary>Where the traffic came from.</summary>
    public required TrafficOrigin Origin { get; init; }

    /// <summary>
    /// All requests production served in the window, including those to endpoints not listed
    /// (for Upsun, the sum of the status-class counts). Equal to <see cref="CoveredRequests"/> when the source
    /// saw every request.
    /// </summary>
    public required long TotalRequests { get; init; }

    /// <summary>The host names production answered on, for the production guard.</summary>
    public IReadOnlyList<string> ProductionHosts { get; init; } = [];

    /// <summary>Production's resources and usage during the window, where the source has them.</summary>
    public ProductionResources? ProductionResources { get; init; }

    /// <summary>Records the source could not read, if it reads records (access logs); null otherwise.</summary>
    public TrafficDiagnostics? Diagnostics { get; init; }

    /// <summary>
    /// Every request of the window in the order production received them, where the source keeps it (access logs with
    /// <c>keepSequence</c>); null otherwise. What a <see cref="Plans.RequestOrder.Recorded"/> replay sends.
    /// </summary>
    public RequestSequence? Sequence { get; init; }

    /// <summary>Requests to the listed endpoints.</summary>
    public long CoveredRequests => Endpoints.Sum(e => e.Count);

    /// <summary>The share of <see cref="TotalRequests"/> the listed endpoints account for, from 0 to 1.</summary>
    public double Coverage => TotalRequests == 0 ? 0 : Math.Min(1.0, (double)CoveredRequests / TotalRequests);

    /// <summary>Finds an endpoint by its key (<c>GET /products</c>).</summary>
    public TrafficEndpoint? FindEndpoint(string key) => Endpoints.FirstOrDefault(e => e.Key == key);
}
