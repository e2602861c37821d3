using System.Text;
using System.Text.RegularExpressions;
using Replay.Testing.Traffic;

namespace Replay.Testing.Plans;

/// <summary>
/// The arrival schedule of a replay: the incident's rate curve bucket by bucket, each bucket with its own endpoint
/// mix, compressed and scaled as asked. Arrivals are generated lazily and deterministically for a seed, so memory
/// grows with buckets and endpoints, never with requests.
/// </summary>
public sealed partial class ReplayPlan
{
    // A recorded-order plan: the endpoint index of each of the sequence's distinct targets.
    private readonly int[]? _endpointOfTarget;

    private ReplayPlan(TrafficProfile profile, ReplayPlanOptions options, IReadOnlyList<PlannedEndpoint> endpoints,
        IReadOnlyList<PlannedBucket> buckets, TimeSpan duration, int[]? endpointOfTarget = null)
    {
        Profile = profile;
        Options = options;
        Endpoints = endpoints;
        Buckets = buckets;
        Duration = duration;
        _endpointOfTarget = endpointOfTarget;
    }

    /// <summary>The profile the plan replays.</summary>
    public TrafficProfile Profile { get; }

    /// <summary>The options the plan was made with.</summary>
    public ReplayPlanOptions Options { get; }

    /// <summary>The endpoints, indexed by <see cref="PlannedArrival.EndpointIndex"/>.</summary>
    public IReadOnlyList<PlannedEndpoint> Endpoints { get; }

    /// <summary>The buckets in time order.</summary>
    public IReadOnlyList<PlannedBucket> Buckets { get; }

    /// <summary>The length of the replay.</summary>
    public TimeSpan Duration { get; }

    /// <summary>
    /// The parts of the incident judged on their own, "calm" first: the burst found in the rate curve, or the phases
    /// named in <see cref="ReplayPlanOptions.Phases"/>. Empty when the replay is judged as one phase (<see cref="PhaseNote"/> says why).
    /// </summary>
    public IReadOnlyList<PlannedPhase> Phases { get; private init; } = [];

    /// <summary>Why the plan has no phases (no bucket well above the median, detection off), or empty.</summary>
    public string PhaseNote { get; private init; } = "";

    /// <summary>
    /// The most of the replay's duration the burst may take under <see cref="PlanCompression.KeepBurst"/>: the calm
    /// keeps the rest, so the replay still opens and closes as the incident did.
    /// </summary>
    public const double MaxBurstShare = 0.8;

    /// <summary>How many times faster than real time the window is replayed (1 = real time).</summary>
    public double Compression => Profile.Window.Duration / Duration;

    /// <summary>All requests the plan sends.</summary>
    public long TotalRequests => Buckets.Sum(b => b.Total);

    /// <summary>Makes the plan of a profile.</summary>
    /// <exception cref="ReplayConfigurationException">An option is invalid, the profile has no traffic, or a template has no values.</exception>
    public static ReplayPlan Create(TrafficProfile profile, ReplayPlanOptions? options = null)
    {
        options ??= new ReplayPlanOptions();
        Validate(profile, options);

        TimeSpan duration = options.Duration ?? profile.Window.Duration;
        if (options.Order == RequestOrder.Recorded)
        {
            return CreateRecorded(profile, options, duration);
        }

        var endpointKeys = EndpointKeys(profile);
        var endpoints = endpointKeys.Select(k => ToPlannedEndpoint(k, profile.FindEndpoint(k.Key), options)).ToList();
        var indexOf = endpointKeys.Select((k, i) => (k.Key, i)).ToDictionary(p => p.Key, p => p.i, StringComparer.Ordinal);

        var problems = endpoints
            .SelectMany(e => e.Placeholders.Where(p => !p.HasValues).Select(p => (e, p)))
            .Select(x =>
                $"The endpoint \"{x.e.Key}\" is a URL template and the placeholder {{{x.p.Name}}} has no values, so it cannot be sent. " +
                $"Give values in ReplayPlanOptions.TemplateValues[\"{x.p.Name}\"] (or the \"plan.templateValues.{x.p.Name}\" configuration key), " +
                $"a generator (\"plan.templateGenerators.{x.p.Name}\": \"int:1-50000\") or a query on the clone (\"plan.templateQueries.{x.p.Name}\").")
            .ToList();
        if (problems.Count > 0)
        {
            throw new ReplayConfigurationException(problems);
        }

        var windowStart = profile.Window.Start;
        var sources = profile.Timeline.Where(b => b.Start >= windowStart && b.Start < profile.Window.End).OrderBy(b => b.Start).ToList();
        var shapes = sources.Select(b => (b.Start, Min(profile.BucketSize, profile.Window.End - b.Start), (double)b.CoveredRequests)).ToList();
        var phases = PlanPhases.Find(profile.Window, shapes, options, out string phaseNote);
        var fitted = Fit(profile.Window, shapes, phases, duration, options.Compression);

        // Fractions left over in one bucket carry into the next, so totals match the scaled profile and the
        // schedule does not lose a request per endpoint per bucket to rounding.
        var carry = new double[endpoints.Count];
        var buckets = new List<PlannedBucket>();
        for (int b = 0; b < sources.Count; b++)
        {
            var source = sources[b];
            var (sourceLength, offset, length) = (shapes[b].Item2, fitted[b].Offset, fitted[b].Length);
            double keptShare = sourceLength / profile.BucketSize * UncoveredFactor(profile, source, options.Uncovered);
            double bucketCompression = sourceLength / length;
            var counts = new int[endpoints.Count];
            foreach (var (key, count) in source.Counts)
            {
                int i = indexOf[key];
                double exact = count * keptShare * options.RateScale / bucketCompression + carry[i];
                counts[i] = (int)Math.Floor(exact + 1e-9);
                carry[i] = exact - counts[i];
            }

            buckets.Add(new PlannedBucket(b, source.Start, offset, length, counts) { SourceDuration = sourceLength });
        }

        return new ReplayPlan(profile, options, endpoints, buckets, duration) { Phases = Summed(phases, buckets), PhaseNote = phaseNote };
    }

    /// <summary>
    /// The arrivals in time order. Within a bucket, requests are evenly spaced and the endpoint order is shuffled by
    /// the seed, so every second of the bucket carries the bucket's mix.
    /// </summary>
    public IEnumerable<PlannedArrival> EnumerateArrivals()
    {
        if (Profile.Sequence is { } sequence && _endpointOfTarget is { } endpointOf)
        {
            for (int i = 0; i < sequence.Count; i++)
            {
                var (offset, request) = sequence[i];
                int target = sequence.TargetIndexAt(i);
                int b = BucketIndex(offset, Profile.BucketSize, Buckets.Count);
                var bucket = Buckets[b];
                var within = offset - (bucket.SourceStart - Profile.Window.Start);
                var replayed = bucket.Offset + (bucket.SourceDuration <= TimeSpan.Zero ? TimeSpan.Zero : within * (bucket.Duration / bucket.SourceDuration));
                yield return new PlannedArrival(replayed, endpointOf[target], b, request.Target);
            }

            yield break;
        }

        for (int b = 0; b < Buckets.Count; b++)
        {
            var bucket = Buckets[b];
            long total = bucket.Total;
            if (total == 0)
            {
                continue;
            }

            var random = new Random(unchecked((Options.Seed * 1_000_003) + bucket.Index));
            int[] order = ShuffledEndpointOrder(bucket, random);
            double[]? instants = Options.Arrivals == ArrivalSpacing.Poisson ? RandomInstants(order.Length, Options.Seed, bucket.Index) : null;
            var (startRate, endRate) = Options.LinearRamps ? EdgeRates(b) : (1.0, 1.0);
            for (int k = 0; k < order.Length; k++)
            {
                int endpoint = order[k];
                double position = RampPosition(instants?[k] ?? ((k + 0.5) / total), startRate, endRate);
                var offset = bucket.Offset + TimeSpan.FromTicks((long)(position * bucket.Duration.Ticks));
                yield return new PlannedArrival(offset, endpoint, bucket.Index, Target(Endpoints[endpoint], random));
            }
        }
    }

    // The exact requests production received, at their own times: the buckets count them, nothing is drawn.
    private static ReplayPlan CreateRecorded(TrafficProfile profile, ReplayPlanOptions options, TimeSpan duration)
    {
        var sequence = profile.Sequence ?? throw new ReplayConfigurationException(
            $"The plan's order is \"recorded\", but the traffic from {profile.Origin.Description} has no request sequence. " +
            "Read access logs with \"traffic.accessLogs.keepSequence\": true (then refresh the snapshot with REPLAY_REFRESH=1), or use the \"mixed\" order.");
        if (options.RateScale != 1)
        {
            throw new ReplayConfigurationException(
                $"RateScale is {options.RateScale}, but a recorded-order replay sends exactly the requests production received. " +
                "Use the \"mixed\" order to scale rates, or compress time with the plan's duration.");
        }

        var keys = EndpointKeys(profile);
        var indexOf = keys.Select((k, i) => (k.Key, i)).ToDictionary(p => p.Key, p => p.i, StringComparer.Ordinal);
        var endpointOfTarget = new int[sequence.Targets.Count];
        for (int t = 0; t < endpointOfTarget.Length; t++)
        {
            var target = sequence.Targets[t];
            if (!indexOf.TryGetValue(target.EndpointKey, out int index))
            {
                index = keys.Count;
                int space = target.EndpointKey.IndexOf(' ', StringComparison.Ordinal);
                keys.Add((target.EndpointKey, target.Method, space > 0 ? target.EndpointKey[(space + 1)..] : target.Target));
                indexOf.Add(target.EndpointKey, index);
            }

            endpointOfTarget[t] = index;
        }

        int bucketCount = (int)Math.Ceiling(profile.Window.Duration / profile.BucketSize);
        var counts = Enumerable.Range(0, bucketCount).Select(_ => new int[keys.Count]).ToArray();
        for (int i = 0; i < sequence.Count; i++)
        {
            counts[BucketIndex(sequence[i].Offset, profile.BucketSize, bucketCount)][endpointOfTarget[sequence.TargetIndexAt(i)]]++;
        }

        var shapes = counts.Select((c, b) => (profile.Window.Start + (profile.BucketSize * b),
            Min(profile.BucketSize, profile.Window.Duration - (profile.BucketSize * b)), (double)c.Sum())).ToList();
        var phases = PlanPhases.Find(profile.Window, shapes, options, out string phaseNote);
        var fitted = Fit(profile.Window, shapes, phases, duration, options.Compression);
        var buckets = counts.Select((c, b) => new PlannedBucket(b, shapes[b].Item1, fitted[b].Offset, fitted[b].Length, c) { SourceDuration = shapes[b].Item2 }).ToList();

        // Targets are concrete: no placeholder needs values.
        var endpoints = keys.Select(k => new PlannedEndpoint(k.Method, k.Path) { Body = options.RequestBodies.GetValueOrDefault(k.Key) }).ToList();
        return new ReplayPlan(profile, options, endpoints, buckets, duration, endpointOfTarget) { Phases = Summed(phases, buckets), PhaseNote = phaseNote };
    }

    // Where each bucket starts in the replay and how long it lasts: gaps in the timeline pass at the calm's pace.
    private static (TimeSpan Offset, TimeSpan Length)[] Fit(IncidentWindow window, List<(DateTimeOffset Start, TimeSpan Length, double Requests)> shapes,
        List<(string Name, List<int> Buckets, string Reason)> phases, TimeSpan duration, PlanCompression compression)
    {
        var storm = phases.Where(p => p.Name != PlannedPhase.Calm).SelectMany(p => p.Buckets).ToHashSet();
        var lengths = PlanPhases.ReplayLengths(shapes.Select(s => s.Length).ToList(), storm, duration, window.Duration, compression, out double calmFactor);
        var fitted = new (TimeSpan, TimeSpan)[shapes.Count];
        TimeSpan sourceCursor = TimeSpan.Zero, replayCursor = TimeSpan.Zero;
        for (int b = 0; b < shapes.Count; b++)
        {
            var start = shapes[b].Start - window.Start;
            replayCursor += (start - sourceCursor) / calmFactor;
            fitted[b] = (replayCursor, lengths[b]);
            replayCursor += lengths[b];
            sourceCursor = start + shapes[b].Length;
        }

        return fitted;
    }

    private static List<PlannedPhase> Summed(List<(string Name, List<int> Buckets, string Reason)> phases, List<PlannedBucket> buckets) =>
        phases.Select(p => new PlannedPhase(p.Name, p.Buckets, p.Reason)
        {
            SourceDuration = p.Buckets.Aggregate(TimeSpan.Zero, (sum, b) => sum + buckets[b].SourceDuration),
            Duration = p.Buckets.Aggregate(TimeSpan.Zero, (sum, b) => sum + buckets[b].Duration),
            TotalRequests = p.Buckets.Sum(b => buckets[b].Total),
        }).ToList();

    // The bucket a recorded request falls in, by its offset in the window; the window's last instant belongs to the last.
    private static int BucketIndex(TimeSpan offset, TimeSpan bucketSize, int buckets) => Math.Min(buckets - 1, (int)(offset / bucketSize));

    // How much to scale a bucket's listed requests so they carry its uncovered ones too: by the bucket's own total
    // where the source counts it (status classes), else by the profile's overall coverage.
    private static double UncoveredFactor(TrafficProfile profile, TrafficBucket bucket, UncoveredTraffic uncovered)
    {
        if (uncovered == UncoveredTraffic.LeaveOut || bucket.CoveredRequests == 0)
        {
            return 1;
        }

        return bucket.Statuses is { Total: > 0 } statuses
            ? Math.Max(1, (double)statuses.Total / bucket.CoveredRequests)
            : profile.CoveredRequests == 0 ? 1 : Math.Max(1, (double)profile.TotalRequests / profile.CoveredRequests);
    }

    // A bucket's rate at its edges: the mean of its rate and its neighbour's, so the curve ramps across each edge.
    private (double Start, double End) EdgeRates(int b)
    {
        double Rate(int i)
        {
            var bucket = Buckets[Math.Clamp(i, 0, Buckets.Count - 1)];
            return bucket.Duration <= TimeSpan.Zero ? 0 : bucket.Total / bucket.Duration.TotalSeconds;
        }

        double own = Rate(b);
        return ((Rate(b - 1) + own) / 2, (Rate(b + 1) + own) / 2);
    }

    // Where the q-th quantile of a bucket's arrivals falls, from 0 to 1, when the rate goes linearly from `a` at
    // its start to `b` at its end: the root of a*t + (b-a)*t^2/2 = q*(a+b)/2.
    // Poisson arrivals with a known count: that many independent uniform instants, sorted (the order statistics of a
    // Poisson process on the bucket). Their own generator, so the endpoint order and values stay the seed's.
    private static double[] RandomInstants(int count, int seed, int bucket)
    {
        var random = new Random(unchecked((seed * 7_368_787) + bucket));
        var instants = new double[count];
        for (int i = 0; i < count; i++)
        {
            instants[i] = random.NextDouble();
        }

        Array.Sort(instants);
        return instants;
    }

    internal static double RampPosition(double q, double a, double b)
    {
        if (Math.Abs(b - a) < 1e-9 * Math.Max(Math.Abs(a), Math.Abs(b)) || a + b <= 0)
        {
            return q;
        }

        return (-a + Math.Sqrt((a * a) + ((b - a) * q * (a + b)))) / (b - a);
    }

    private static int[] ShuffledEndpointOrder(PlannedBucket bucket, Random random)
    {
        var order = new int[bucket.Total];
        int n = 0;
        for (int e = 0; e < bucket.Counts.Count; e++)
        {
            for (int c = 0; c < bucket.Counts[e]; c++)
            {
                order[n++] = e;
            }
        }

        random.Shuffle(order);
        return order;
    }

    private static string Target(PlannedEndpoint endpoint, Random random)
    {
        if (endpoint.Placeholders.Count == 0)
        {
            return endpoint.Path;
        }

        var builder = new StringBuilder(endpoint.Path);
        foreach (var placeholder in endpoint.Placeholders)
        {
            string value = placeholder.Next(random);
            builder.Replace("{" + placeholder.Name + "}", Uri.EscapeDataString(value));
        }

        return builder.ToString();
    }

    private static List<(string Key, string Method, string Path)> EndpointKeys(TrafficProfile profile)
    {
        var keys = profile.Endpoints.Select(e => (e.Key, e.Method, e.Path)).ToList();
        var known = keys.Select(k => k.Key).ToHashSet(StringComparer.Ordinal);
        foreach (string key in profile.Timeline.SelectMany(b => b.Counts.Keys).Where(k => !known.Contains(k)).Distinct().Order(StringComparer.Ordinal))
        {
            int space = key.IndexOf(' ', StringComparison.Ordinal);
            keys.Add((key, space > 0 ? key[..space] : "GET", space > 0 ? key[(space + 1)..] : key));
        }

        return keys;
    }

    // Configured values (or a generator) win; otherwise the values production saw (from an access log's value pool).
    private static PlannedEndpoint ToPlannedEndpoint((string Key, string Method, string Path) endpoint, TrafficEndpoint? seen, ReplayPlanOptions options) =>
        new(endpoint.Method, endpoint.Path)
        {
            Body = options.RequestBodies.GetValueOrDefault(endpoint.Key),
            Placeholders = Placeholder().Matches(endpoint.Path)
                .Select(m => m.Groups[1].Value)
                .Distinct(StringComparer.Ordinal)
                .Select(name => options.TemplateGenerators.GetValueOrDefault(name) is { } generator
                    ? new TemplatePlaceholder(name, []) { Generator = generator }
                    : new TemplatePlaceholder(name, options.TemplateValues.GetValueOrDefault(name) ?? seen?.TemplateValues.GetValueOrDefault(name) ?? []))
                .ToList(),
        };

    private static void Validate(TrafficProfile profile, ReplayPlanOptions options)
    {
        var problems = new List<string>(options.Problems());
        if (options.Duration is { } d && d > profile.Window.Duration)
        {
            problems.Add($"Duration is {d}; it must be positive and no longer than the window ({profile.Window.Duration}). " +
                "Leave it unset to replay in real time.");
        }

        if (profile.BucketSize <= TimeSpan.Zero)
        {
            problems.Add($"The profile's bucket size is {profile.BucketSize}; it must be positive.");
        }

        if (profile.Timeline.Sum(b => b.CoveredRequests) == 0)
        {
            problems.Add($"The traffic of {profile.Window} from {profile.Origin.Description} has no requests, so there is nothing to replay. " +
                "Check the incident window (and its UTC offset) and that the source recorded traffic then.");
        }

        if (problems.Count > 0)
        {
            throw new ReplayConfigurationException(problems);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [GeneratedRegex(@"\{([^{}/]+)\}")]
    private static partial Regex Placeholder();
}
