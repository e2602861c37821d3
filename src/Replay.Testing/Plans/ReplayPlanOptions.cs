namespace Replay.Testing.Plans;

/// <summary>How a traffic profile becomes an arrival schedule.</summary>
public sealed record ReplayPlanOptions
{
    /// <summary>
    /// The length of the replay. The window is compressed to it, keeping each bucket's request rate and endpoint mix
    /// (a 60-minute window in 60 seconds sends at the same rates for a sixtieth of the time).
    /// Default: null, the window's own length.
    /// </summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Multiplies every rate; 1.5 replays with 50 % headroom. Default 1. Must be positive.</summary>
    public double RateScale { get; init; } = 1.0;

    /// <summary>The seed of every random choice (endpoint order, template values): same seed, same schedule. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Values for URL template placeholders, by placeholder name: <c>{"id": ["1", "2"]}</c> fills <c>/products/{id}</c>.
    /// A template is never sent literally: a placeholder without values is a configuration error.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> TemplateValues { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// Generators for URL template placeholders, by placeholder name: <c>{"id": TemplateValueGenerator.Integers(1, 50000)}</c>
    /// makes the values of <c>/users/{id}</c> from the seed when no list of real values exists. A placeholder takes
    /// values from one place only: a generator for a name that also has <see cref="TemplateValues"/> or
    /// <see cref="TemplateQueries"/> is a configuration error. Both win over the values an access log saw.
    /// </summary>
    public IReadOnlyDictionary<string, TemplateValueGenerator> TemplateGenerators { get; init; } =
        new Dictionary<string, TemplateValueGenerator>();

    /// <summary>
    /// Whether the rate ramps linearly from one bucket to the next instead of stepping at bucket edges. Each bucket
    /// still sends exactly its own count; only the spacing inside it changes. Default false.
    /// </summary>
    public bool LinearRamps { get; init; }

    /// <summary>
    /// How arrivals are spread inside each bucket: evenly (<see cref="ArrivalSpacing.Uniform"/>, the default) or at
    /// random as real clients arrive (<see cref="ArrivalSpacing.Poisson"/>), each bucket's count kept exact.
    /// </summary>
    public ArrivalSpacing Arrivals { get; init; } = ArrivalSpacing.Uniform;

    /// <summary>
    /// How the window is fitted into a shorter <see cref="Duration"/>: every bucket alike (<see cref="PlanCompression.Uniform"/>,
    /// the default) or the burst at its real length (<see cref="PlanCompression.KeepBurst"/>).
    /// </summary>
    public PlanCompression Compression { get; init; } = PlanCompression.Uniform;

    /// <summary>
    /// The parts of the incident judged on their own, by name, where they lie in the window
    /// (<c>{"burst": ["12:20", "12:35"]}</c>; configuration key <c>slo.phases</c>); every other bucket is the
    /// "calm" phase. Empty (the default): the burst is found from the rate curve (<see cref="BurstFactor"/>).
    /// </summary>
    public IReadOnlyDictionary<string, PhaseSpan> Phases { get; init; } = new Dictionary<string, PhaseSpan>();

    /// <summary>
    /// Without <see cref="Phases"/>, the buckets whose rate is above this many times the window's median rate form the
    /// "burst" phase, judged on its own beside the "calm" (configuration key <c>slo.burstFactor</c>). Default 1.5;
    /// null judges the replay as one phase. Must be above 1.
    /// </summary>
    public double? BurstFactor { get; init; } = 1.5;

    /// <summary>
    /// Which requests are sent in which order: each bucket's endpoint mix, shuffled by the seed (the default), or the
    /// exact requests production received, in order, at their own times (<see cref="RequestOrder.Recorded"/>, for
    /// profiles that keep a request sequence).
    /// </summary>
    public RequestOrder Order { get; init; } = RequestOrder.Mixed;

    /// <summary>What to do with requests the profile counts but lists under no endpoint. Default <see cref="UncoveredTraffic.LeaveOut"/>.</summary>
    public UncoveredTraffic Uncovered { get; init; } = UncoveredTraffic.LeaveOut;

    /// <summary>
    /// SQL queries, by placeholder name, whose first column gives the placeholder's values from the clone's own data
    /// (<c>{"id": "SELECT id FROM products WHERE active"}</c>): the replay asks for rows that exist. Run on the
    /// clone (<c>target.database</c>) once it is provisioned; at most 10,000 values each. Configured
    /// <see cref="TemplateValues"/> win over them.
    /// </summary>
    public IReadOnlyDictionary<string, string> TemplateQueries { get; init; } = new Dictionary<string, string>();

    /// <summary>Request bodies for endpoints that send one, by endpoint key (<c>"POST /checkout"</c>).</summary>
    public IReadOnlyDictionary<string, RequestBody> RequestBodies { get; init; } = new Dictionary<string, RequestBody>();

    /// <summary>
    /// Each option that cannot work whatever the traffic: checked before the traffic is read, and again when a plan is
    /// made (which adds the checks that need the profile).
    /// </summary>
    internal IEnumerable<string> Problems()
    {
        if (!double.IsFinite(RateScale) || RateScale <= 0)
        {
            yield return $"RateScale is {RateScale}; it must be a positive number (1 = the incident's rates, 1.5 = 50 % headroom).";
        }

        if (Duration is { } d && d <= TimeSpan.Zero)
        {
            yield return $"Duration is {d}; it must be positive and no longer than the window. Leave it unset to replay in real time.";
        }

        if (BurstFactor is { } factor && (!double.IsFinite(factor) || factor <= 1))
        {
            yield return $"BurstFactor is {factor}; it must be above 1 (1.5 = buckets 50 % above the median rate are the burst), or null to judge the replay as one phase.";
        }

        foreach (string name in TemplateGenerators.Keys.Where(n => TemplateValues.ContainsKey(n) || TemplateQueries.ContainsKey(n)).Order(StringComparer.Ordinal))
        {
            yield return $"The placeholder {{{name}}} has a generator and also {(TemplateQueries.ContainsKey(name) ? "a query" : "values")}; " +
                $"keep one of \"plan.templateGenerators.{name}\", \"plan.templateValues.{name}\" and \"plan.templateQueries.{name}\".";
        }
    }
}
