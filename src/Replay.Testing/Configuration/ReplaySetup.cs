using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Replay.Testing.Environments;
using Replay.Testing.Environments.Existing;
using Replay.Testing.Environments.Databases;
using Replay.Testing.Environments.LocalProcess;
using Replay.Testing.Environments.Resources;
using Replay.Testing.Plans;
using Replay.Testing.Reporting;
using Replay.Testing.Slo;
using Replay.Testing.Traffic.Snapshots;

using Replay.Testing.Traffic;
using Replay.Testing.Traffic.AccessLogs;
using Replay.Testing.Traffic.Prometheus;
using Replay.Testing.Traffic.Upsun;

namespace Replay.Testing.Configuration;

/// <summary>
/// Turns an attribute, the test project's <c>replay.json</c> and the committed snapshots into a replay request, or
/// into a skip reason that says how to set the replay up. Shared by the xUnit and NUnit adapters.
/// </summary>
internal static class ReplaySetup
{
    public const string ConfigurationFileName = "replay.json";
    public const string SnapshotFolderName = "Incidents";
    public const string ProjectDirectoryMetadataKey = "ReplayTesting.ProjectDirectory";

    /// <summary>Set to 1 to read the live source even where a snapshot exists, and rewrite the snapshot.</summary>
    public const string RefreshVariable = "REPLAY_REFRESH";

    public static ReplaySetupResult Resolve(ReplaySetupInput input, IReadOnlyList<IReplayReporter> reporters)
    {
        var window = IncidentWindow.Parse(input.Start, input.End);
        string projectDirectory = ProjectDirectory(input);
        string? configurationPath = FirstExisting(
            Path.Combine(projectDirectory, ConfigurationFileName),
            Path.Combine(AppContext.BaseDirectory, ConfigurationFileName));
        var settings = Read(configurationPath, System.Environment.GetEnvironmentVariables());
        string settingsDirectory = configurationPath is null ? projectDirectory : Path.GetDirectoryName(configurationPath)!;

        string resultsDirectory = settings.Reports?.Directory is { Length: > 0 } d
            ? Path.GetFullPath(Path.Combine(settingsDirectory, d))
            : Path.Combine(AppContext.BaseDirectory, "replay-results");

        var snapshotDirectories = new[]
        {
            input.SourceFilePath is { } source ? Path.Combine(Path.GetDirectoryName(source)!, SnapshotFolderName) : null,
            Path.Combine(projectDirectory, SnapshotFolderName),
            Path.Combine(AppContext.BaseDirectory, SnapshotFolderName),
        }.OfType<string>().Distinct().ToList();
        string? snapshot = TrafficSnapshotLocator.Find(snapshotDirectories, window);
        // Every problem is found before anything runs, and all are reported together.
        var problems = new ConfigurationProblems(settings.Keys);
        CheckWritable(resultsDirectory, settings.Reports?.Directory is { Length: > 0 }, problems);
        var trafficSource = problems.Try(() => TrafficSource(settings.Traffic, settingsDirectory, snapshot,
            Path.Combine(projectDirectory, SnapshotFolderName), Refresh(System.Environment.GetEnvironmentVariable(RefreshVariable))), null);
        var provisioner = problems.Try(() => Provisioner(settings.Target, settingsDirectory, configurationPath), null);
        var plan = Phases(Plan(settings.Plan, problems), settings.Slo, window, problems);
        var load = Load(settings.Load, problems);
        var slo = ApplyOverrides(Slo(settings.Slo, problems), input.Slo, problems);
        problems.ThrowIfAny();

        if (trafficSource is null && settings.Traffic?.Upsun is not null)
        {
            return new ReplaySetupResult(null,
                $"No traffic snapshot for the incident window {window}, and no Upsun API token to fetch it: set {UpsunOptions.ApiTokenVariable} " +
                "(Upsun console: My profile, API tokens) and run again; the replay saves the snapshot for you to commit.",
                resultsDirectory);
        }

        if (trafficSource is null)
        {
            return new ReplaySetupResult(null,
                $"No traffic snapshot for the incident window {window}. Commit one as " +
                $"\"{Path.Combine(snapshotDirectories[0], TrafficSnapshotFile.FileNameFor(window, "upsun"))}\" " +
                "(save a profile with TrafficSnapshotFile.Save), or configure where production's traffic is, such as " +
                "{\"traffic\": {\"accessLogs\": {\"files\": [\"/var/log/nginx/access.log*\"]}}} in replay.json, then run again.",
                resultsDirectory);
        }

        if (provisioner is null)
        {
            return new ReplaySetupResult(null,
                $"No replay target is configured. Add a \"target\" to \"{configurationPath ?? Path.Combine(projectDirectory, ConfigurationFileName)}\": " +
                "{\"target\": {\"baseUrl\": \"https://staging.example.com\"}} for an existing environment, or " +
                "{\"target\": {\"project\": \"../MyApp/MyApp.csproj\", \"healthPath\": \"/health\"}} to start the app locally, or " +
                "{\"target\": {\"upsun\": {\"projectId\": \"…\", \"environmentId\": \"main\"}}} to branch a clone of production on Upsun.",
                resultsDirectory);
        }

        var options = new IncidentReplayOptions
        {
            TrafficSource = trafficSource,
            Provisioner = provisioner,
            Plan = plan,
            Load = load,
            Slo = slo,
            Reporters = reporters,
        };
        return new ReplaySetupResult(new ReplayRequest($"{input.TestClass}.{input.TestMethod}", window, options), null, resultsDirectory);
    }

    // A verdict whose reports cannot be written is still a verdict, but a folder that cannot be written is known
    // before the replay, so it is a configuration problem rather than a surprise after an hour of load.
    private static void CheckWritable(string directory, bool configured, ConfigurationProblems problems)
    {
        string probe = Path.Combine(directory, $".replay-write-check-{System.Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            problems.Add((configured ? problems.Name("reports.directory") + " is" : "The default reports folder is") +
                $" \"{directory}\", which cannot be written ({e.Message}); set \"reports\": {{\"directory\": …}} in replay.json to a folder the test run may write to.");
        }
    }

    /// <summary>
    /// The committed snapshot when there is one (offline, deterministic: what PR pipelines use); otherwise, or when a
    /// refresh is asked for, the configured live source, whose profile is saved as the snapshot; otherwise none.
    /// </summary>
    internal static ITrafficSource? TrafficSource(TrafficSettings? traffic, string settingsDirectory, string? snapshot,
        string snapshotDirectory, bool refresh)
    {
        var configured = new[] { ("accessLogs", traffic?.AccessLogs is not null), ("prometheus", traffic?.Prometheus is not null), ("upsun", traffic?.Upsun is not null) }
            .Where(s => s.Item2).Select(s => $"\"{s.Item1}\"").ToList();
        if (configured.Count > 1)
        {
            throw new ReplayConfigurationException(
                $"\"traffic\" configures {string.Join(" and ", configured)}; keep the one that holds production's traffic.");
        }

        ITrafficSource? live = traffic?.AccessLogs is { } logs ? AccessLogs(logs, settingsDirectory, traffic.Templates)
            : traffic?.Prometheus is { } prometheus ? Prometheus(prometheus)
            : traffic?.Upsun is { } upsun ? Upsun(upsun)
            : null;
        if (live is UpsunTrafficSource { HasCredentials: false })
        {
            live = null;   // without a token the live source cannot run; the skip reason says so
        }
        if (snapshot is not null && (live is null || !refresh))
        {
            return new SnapshotTrafficSource(snapshot);
        }

        return live is null ? null : new SnapshotRecordingTrafficSource(live, snapshotDirectory);
    }

    internal static bool Refresh(string? value) => value is "1" || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static AccessLogTrafficSource AccessLogs(AccessLogSettings logs, string settingsDirectory, List<string>? templates)
    {
        var options = new AccessLogOptions();
        return new AccessLogTrafficSource(options with
        {
            Templates = templates?.Select(t => new UrlTemplateRule(t)).ToList() ?? options.Templates,
            Files = logs.Files?.Select(f => Path.Combine(settingsDirectory, f)).ToList() ?? [],
            BucketSize = Duration(logs.BucketSize, "traffic.accessLogs.bucketSize") ?? options.BucketSize,
            MaxEndpoints = logs.MaxEndpoints ?? options.MaxEndpoints,
            MaxSkippedShare = logs.MaxSkippedShare ?? options.MaxSkippedShare,
            KeepSequence = logs.KeepSequence ?? options.KeepSequence,
            MaxValuesPerPlaceholder = logs.MaxValuesPerPlaceholder ?? options.MaxValuesPerPlaceholder,
            ProductionHosts = logs.ProductionHosts ?? options.ProductionHosts,
            Format = logs.Format?.ToLowerInvariant() switch
            {
                null or "" or "ncsa" or "combined" or "common" => AccessLogFormat.Ncsa,
                "jsonlines" or "json" => AccessLogFormat.JsonLines,
                _ => throw new ReplayConfigurationException($"\"traffic.accessLogs.format\" is \"{logs.Format}\"; use \"ncsa\" (common or combined) or \"jsonLines\"."),
            },
            JsonFields = new AccessLogJsonFields
            {
                Time = logs.JsonFields?.Time ?? options.JsonFields.Time,
                Method = logs.JsonFields?.Method ?? options.JsonFields.Method,
                Path = logs.JsonFields?.Path ?? options.JsonFields.Path,
                Status = logs.JsonFields?.Status ?? options.JsonFields.Status,
                Bytes = logs.JsonFields?.Bytes ?? options.JsonFields.Bytes,
                RequestLength = logs.JsonFields?.RequestLength ?? options.JsonFields.RequestLength,
                RequestTime = logs.JsonFields?.RequestTime ?? options.JsonFields.RequestTime,
            },
        });
    }

    private static PrometheusTrafficSource Prometheus(PrometheusSettings prometheus)
    {
        var options = new PrometheusOptions();
        return new PrometheusTrafficSource(options with
        {
            BaseUrl = Uri.TryCreate(prometheus.BaseUrl, UriKind.Absolute, out var url) ? url
                : throw new ReplayConfigurationException($"\"traffic.prometheus.baseUrl\" is \"{prometheus.BaseUrl}\"; give the Prometheus server's address, such as \"http://prometheus:9090/\"."),
            Metric = prometheus.Metric ?? options.Metric,
            DurationHistogram = prometheus.DurationHistogram ?? options.DurationHistogram,
            RouteLabel = prometheus.RouteLabel ?? options.RouteLabel,
            MethodLabel = prometheus.MethodLabel ?? options.MethodLabel,
            StatusLabel = prometheus.StatusLabel ?? options.StatusLabel,
            Selector = prometheus.Selector ?? options.Selector,
            BucketSize = Duration(prometheus.BucketSize, "traffic.prometheus.bucketSize") ?? options.BucketSize,
            MaxEndpoints = prometheus.MaxEndpoints ?? options.MaxEndpoints,
            ProductionHosts = prometheus.ProductionHosts ?? options.ProductionHosts,
        });
    }

    private static UpsunTrafficSource Upsun(UpsunSettings upsun)
    {
        var options = new UpsunOptions();
        return new UpsunTrafficSource(options with
        {
            ProjectId = upsun.ProjectId ?? "",
            EnvironmentId = upsun.EnvironmentId ?? "",
            ApiUrl = upsun.ApiUrl is { Length: > 0 } api ? AbsoluteUri(api, "traffic.upsun.apiUrl") : options.ApiUrl,
            AuthUrl = upsun.AuthUrl is { Length: > 0 } auth ? AbsoluteUri(auth, "traffic.upsun.authUrl") : options.AuthUrl,
            TopUrlsCount = upsun.TopUrlsCount ?? options.TopUrlsCount,
            Service = upsun.Service ?? options.Service,
            Timeout = Duration(upsun.RequestTimeout, "traffic.upsun.requestTimeout") ?? options.Timeout,
            Deadline = Duration(upsun.Deadline, "traffic.upsun.deadline") ?? options.Deadline,
        });
    }

    private static Uri AbsoluteUri(string text, string key) => Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri)
        ? uri
        : throw new ReplayConfigurationException($"\"{key}\" is \"{text}\", which is not an absolute URL.");

    private static string ProjectDirectory(ReplaySetupInput input)
    {
        string? fromBuild = input.TestAssembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == ProjectDirectoryMetadataKey)?.Value;
        if (fromBuild is not null && Directory.Exists(fromBuild))
        {
            return fromBuild;
        }

        if (input.SourceFilePath is { } source && File.Exists(source))
        {
            return Path.GetDirectoryName(source)!;
        }

        return AppContext.BaseDirectory;
    }

    /// <summary>Reads replay.json (if any) with the REPLAY__ environment overrides applied; an unknown key is an error.</summary>
    internal static ReplaySettings Read(string? path, System.Collections.IDictionary environment)
    {
        string source = path is null ? "the REPLAY__ environment variables" : $"\"{path}\"";
        try
        {
            var root = path is null
                ? new JsonObject()
                : JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions
                {
                    CommentHandling = JsonCommentHandling.Skip,
                    AllowTrailingCommas = true,
                }) as JsonObject ?? throw new ReplayConfigurationException($"{source} must hold a JSON object, such as {{\"slo\": {{\"p95\": \"300ms\"}}}}.");
            var variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var overrides = ReplayEnvironmentOverrides.Apply(root, environment, variables);
            if (overrides.Count > 0)
            {
                source += $" with REPLAY__ overrides of {string.Join(", ", overrides)}";
            }

            var nulls = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            CollectNulls(root, "", nulls);
            var settings = root.Deserialize<ReplaySettings>(SettingsJson) ?? new ReplaySettings();
            return settings with { Keys = new ConfigurationKeys(variables, nulls) };
        }
        catch (JsonException e)
        {
            throw new ReplayConfigurationException(
                $"{source} is not valid replay configuration (at {e.Path ?? "the root"}): {e.Message} " +
                "The keys are documented in the README under \"Configuration\".");
        }
        catch (ArgumentException e) when (e.Message.Contains("same key", StringComparison.OrdinalIgnoreCase))
        {
            // JsonObject refuses a key written twice; which of two values was meant is not ours to guess.
            throw new ReplayConfigurationException(
                $"{source} sets a key twice ({e.Message}); keep one of them.");
        }
    }

    // Keys set to null switch a default off ("slo": {"maxErrorRate": null}); a null is otherwise the same as absent.
    private static void CollectNulls(JsonObject node, string prefix, HashSet<string> nulls)
    {
        foreach (var (key, value) in node)
        {
            string path = prefix.Length == 0 ? key : prefix + "." + key;
            if (value is null)
            {
                nulls.Add(path);
            }
            else if (value is JsonObject child)
            {
                CollectNulls(child, path, nulls);
            }
        }
    }

    private static readonly JsonSerializerOptions SettingsJson = new()
    {
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    private static IEnvironmentProvisioner? Provisioner(TargetSettings? target, string settingsDirectory, string? configurationPath)
    {
        if (target is null)
        {
            return null;
        }

        if (target.BaseUrl is { Length: > 0 } && target.Project is { Length: > 0 })
        {
            throw new ReplayConfigurationException(
                $"\"target\" in \"{configurationPath}\" sets both \"baseUrl\" and \"project\"; keep the one to replay against.");
        }

        if (target.BaseUrl is { Length: > 0 } url)
        {
            return new ExistingEnvironmentProvisioner(url);
        }

        if (target.Upsun is { } upsun)
        {
            var api = new UpsunOptions();
            var options = new Environments.Upsun.UpsunEnvironmentOptions();
            return new Environments.Upsun.UpsunEnvironmentProvisioner(options with
            {
                Api = api with
                {
                    ProjectId = upsun.ProjectId ?? "",
                    EnvironmentId = upsun.EnvironmentId ?? "",
                    ApiUrl = upsun.ApiUrl is { Length: > 0 } a ? AbsoluteUri(a, "target.upsun.apiUrl") : api.ApiUrl,
                    AuthUrl = upsun.AuthUrl is { Length: > 0 } b ? AbsoluteUri(b, "target.upsun.authUrl") : api.AuthUrl,
                },
                NamePrefix = upsun.NamePrefix ?? options.NamePrefix,
                ActivityTimeout = Duration(upsun.ActivityTimeout, "target.upsun.activityTimeout") ?? options.ActivityTimeout,
                KeepOnFailure = upsun.KeepOnFailure ?? options.KeepOnFailure,
            });
        }

        if (target.Project is not { Length: > 0 } project)
        {
            return null;
        }

        var builder = LocalProcessEnvironmentProvisionerBuilder.ForDotnetProject(Path.Combine(settingsDirectory, project));
        if (target.HealthPath is { Length: > 0 } health)
        {
            builder = builder.WithHealthPath(health);
        }

        if (target.StartupTimeout is { Length: > 0 } timeout)
        {
            builder = builder.WithStartupTimeout(SloText.ParseDuration(timeout, "target.startupTimeout"));
        }

        foreach (var (name, value) in target.Environment ?? [])
        {
            builder = builder.WithEnvironment(name, value);
        }

        if (target.Database is { } database)
        {
            if (database.Provider is not { Length: > 0 } provider || database.Source is not { Length: > 0 } source ||
                database.EnvironmentVariable is not { Length: > 0 } variable)
            {
                throw new ReplayConfigurationException(
                    $"\"target.database\" in \"{configurationPath}\" needs \"provider\" (sqlite or postgresql), \"source\" (the database to clone) " +
                    "and \"environmentVariable\" (how the app receives the clone's connection string, such as ConnectionStrings__Shop).");
            }

            // A relative SQLite path is relative to replay.json, like every path in it.
            string resolved = provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase) && !source.Contains('=', StringComparison.Ordinal)
                ? Path.GetFullPath(Path.Combine(settingsDirectory, source))
                : source;
            builder = builder.WithDatabaseClone(provider, resolved, variable);
            foreach (string sql in database.Scrub ?? [])
            {
                builder = builder.WithScrub(ScrubStep.Sql(sql));
            }
        }

        builder = Resources(builder, target.Resources);
        if (target.StrictParity == true)
        {
            builder = builder.WithStrictParity();
        }

        return builder.Build();
    }

    private static LocalProcessEnvironmentProvisionerBuilder Resources(LocalProcessEnvironmentProvisionerBuilder builder, JsonElement? resources)
    {
        if (resources is not { } value || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return builder;
        }

        if (value.ValueKind == JsonValueKind.String && value.GetString() == "production")
        {
            return builder.WithProductionResources();
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            double? cpu = value.TryGetProperty("cpu", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : null;
            long? memory = value.TryGetProperty("memory", out var m)
                ? m.ValueKind == JsonValueKind.Number ? m.GetInt64() : ResourceLimits.ParseMemory(m.GetString() ?? string.Empty, "target.resources.memory")
                : null;
            return builder.WithResources(cpu, memory);
        }

        throw new ReplayConfigurationException(
            $"\"target.resources\" is {value}; write \"production\" (match the snapshot's production figures) or {{\"cpu\": 1, \"memory\": \"1GiB\"}}.");
    }

    internal static ReplayPlanOptions Plan(PlanSettings? plan, ConfigurationProblems? problems = null)
    {
        var options = new ReplayPlanOptions();
        if (plan is null)
        {
            return options;
        }

        if (problems is not null)
        {
            if (plan.RateScale is <= 0)
            {
                problems.Add($"{problems.Name("plan.rateScale")} is {plan.RateScale}; it must be a positive number (1 = the incident's rates, 1.5 = 50 % headroom).");
            }

            // A duration that does not parse is reported once, by the plan read below.
            if (new ConfigurationProblems().Duration(plan.Duration, "plan.duration") is { } d && d <= TimeSpan.Zero)
            {
                problems.Add($"{problems.Name("plan.duration")} is \"{plan.Duration}\"; it must be positive (such as \"60s\").");
            }

            return problems.Try(() => Plan(plan), options);
        }

        return options with
        {
            Duration = Duration(plan.Duration, "plan.duration") ?? options.Duration,
            RateScale = plan.RateScale ?? options.RateScale,
            Seed = plan.Seed ?? options.Seed,
            LinearRamps = plan.LinearRamps ?? options.LinearRamps,
            TemplateQueries = plan.TemplateQueries ?? options.TemplateQueries,
            TemplateGenerators = plan.TemplateGenerators?.ToDictionary(p => p.Key, p => TemplateValueGenerator.Parse(p.Value, $"plan.templateGenerators.{p.Key}")) ?? options.TemplateGenerators,
            Uncovered = plan.Uncovered?.ToLowerInvariant() switch
            {
                null or "" => options.Uncovered,
                "leaveout" or "leave-out" or "leave out" => UncoveredTraffic.LeaveOut,
                "spread" => UncoveredTraffic.Spread,
                _ => throw new ReplayConfigurationException($"\"plan.uncovered\" is \"{plan.Uncovered}\"; use \"leaveOut\" (the default) or \"spread\"."),
            },
            Order = plan.Order?.ToLowerInvariant() switch
            {
                null or "" => options.Order,
                "mixed" => RequestOrder.Mixed,
                "recorded" => RequestOrder.Recorded,
                _ => throw new ReplayConfigurationException($"\"plan.order\" is \"{plan.Order}\"; use \"mixed\" (the default: each bucket's endpoint mix) or \"recorded\" (the log's own requests, in order)."),
            },
            Arrivals = plan.Arrivals?.ToLowerInvariant() switch
            {
                null or "" => options.Arrivals,
                "uniform" => ArrivalSpacing.Uniform,
                "poisson" => ArrivalSpacing.Poisson,
                _ => throw new ReplayConfigurationException($"\"plan.arrivals\" is \"{plan.Arrivals}\"; use \"uniform\" (the default: evenly spaced) or \"poisson\" (at random, as real clients arrive)."),
            },
            Compression = plan.Compression?.ToLowerInvariant() switch
            {
                null or "" => options.Compression,
                "uniform" => PlanCompression.Uniform,
                "keepburst" or "keep-burst" => PlanCompression.KeepBurst,
                _ => throw new ReplayConfigurationException($"\"plan.compression\" is \"{plan.Compression}\"; use \"uniform\" (the default: every bucket shortened alike) or \"keepBurst\" (the burst at its real length, the calm shortened)."),
            },
            TemplateValues = plan.TemplateValues?.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value) ?? options.TemplateValues,
            RequestBodies = plan.RequestBodies?.ToDictionary(p => p.Key, p => Body(p.Key, p.Value)) ?? options.RequestBodies,
        };
    }

    // Phases are judged by the SLOs but shape the plan (keep-burst compression), so the plan carries them; a phase that
    // cannot be placed in the window is found here, before any traffic is read.
    internal static ReplayPlanOptions Phases(ReplayPlanOptions options, SloSettings? slo, IncidentWindow? window, ConfigurationProblems problems)
    {
        if (slo is null)
        {
            return options;
        }

        double? factor = problems.IsOff("slo.burstFactor") ? null : slo.BurstFactor ?? options.BurstFactor;
        if (factor is { } f && (!double.IsFinite(f) || f <= 1))
        {
            problems.Add($"{problems.Name("slo.burstFactor")} is {f}; it must be above 1 (1.5 = buckets 50 % above the median rate are the burst), or null to judge the replay as one phase.");
            factor = options.BurstFactor;
        }

        var phases = new Dictionary<string, PhaseSpan>();
        foreach (var (name, times) in slo.Phases ?? [])
        {
            if (times is not [var from, var to])
            {
                problems.Add($"{problems.Name("slo.phases." + name)} has {times?.Count ?? 0} times; give two, its start and its end: [\"12:20\", \"12:35\"].");
                continue;
            }

            var span = new PhaseSpan(from, to);
            if (window is not null && span.Resolve(window, out string? problem) is null)
            {
                problems.Add($"{problems.Name("slo.phases." + name)}: {problem}");
                continue;
            }

            phases[name] = span;
        }

        return options with { BurstFactor = factor, Phases = slo.Phases is null ? options.Phases : phases };
    }

    private static RequestBody Body(string endpoint, RequestBodySettings body)
    {
        string? content = body.Json is { } json ? json.GetRawText() : body.Content;
        if (content is null)
        {
            throw new ReplayConfigurationException(
                $"\"plan.requestBodies.{endpoint}\" has no body: give \"json\" (an object sent as JSON) or \"content\" (text) with \"contentType\".");
        }

        return new RequestBody(content, body.ContentType ?? "application/json");
    }

    // Production was warm during the incident; the clone's first seconds should not be measured as if it was not.
    private static readonly TimeSpan DefaultWarmUp = TimeSpan.FromSeconds(2);

    internal static Load.LoadEngineOptions Load(LoadSettings? load, ConfigurationProblems? problems = null)
    {
        var p = problems ?? new ConfigurationProblems();
        var options = new Load.LoadEngineOptions { WarmUp = DefaultWarmUp };
        if (load is not null)
        {
            options = options with
            {
                MaxInFlight = load.MaxInFlight ?? options.MaxInFlight,
                MaxConnections = load.MaxConnections ?? options.MaxConnections,
                RequestTimeout = p.Duration(load.RequestTimeout, "load.requestTimeout") ?? options.RequestTimeout,
                WarmUp = p.Duration(load.WarmUp, "load.warmUp") ?? options.WarmUp,
                UserAgent = load.UserAgent is { Length: > 0 } ua ? ua : options.UserAgent,
                Headers = load.Headers ?? options.Headers,
                HttpVersion = load.HttpVersion switch
                {
                    null or "" => options.HttpVersion,
                    "1.1" => System.Net.HttpVersion.Version11,
                    "2" or "2.0" => System.Net.HttpVersion.Version20,
                    var v => p.Try<Version>(() => throw new ReplayConfigurationException($"{p.Name("load.httpVersion")} is \"{v}\"; use \"1.1\" or \"2\"."), options.HttpVersion),
                },
                FreshConnectionShare = p.Ratio(load.FreshConnectionShare, "load.freshConnectionShare") ?? options.FreshConnectionShare,
                Retries = load.Retries ?? options.Retries,
                RetryBackoff = p.Duration(load.RetryBackoff, "load.retryBackoff") ?? options.RetryBackoff,
                FollowRedirects = load.FollowRedirects ?? options.FollowRedirects,
                ErrorStatuses = load.ErrorStatuses ?? options.ErrorStatuses,
                ResponseChecks = load.ResponseChecks?.ToDictionary(c => c.Key, c => ResponseCheck(c.Value)) ?? options.ResponseChecks,
            };
        }

        p.Try(() => { options.Validate(); return 0; }, 0);
        if (problems is null)
        {
            p.ThrowIfAny();
        }

        return options;
    }

    // An empty entry becomes a check of nothing, which LoadEngineOptions' validation names beside every other problem.
    private static Load.ResponseCheck ResponseCheck(ResponseCheckSettings? check) => new()
    {
        Statuses = check?.Status ?? [],
        ContentType = check?.ContentType,
        BodyContains = check?.BodyContains,
        JsonPointer = check?.JsonPointer,
    };

    internal static SloPolicy Slo(SloSettings? slo, ConfigurationProblems? problems = null)
    {
        var p = problems ?? new ConfigurationProblems();
        var policy = new SloPolicy();
        if (slo is not null)
        {
            policy = policy with
            {
                P50 = p.Duration(slo.P50, "slo.p50") ?? policy.P50,
                P90 = p.Duration(slo.P90, "slo.p90") ?? policy.P90,
                P95 = p.Duration(slo.P95, "slo.p95") ?? policy.P95,
                P99 = p.Duration(slo.P99, "slo.p99") ?? policy.P99,
                P999 = p.Duration(slo.P999, "slo.p999") ?? policy.P999,
                Max = p.Duration(slo.Max, "slo.max") ?? policy.Max,
                MaxErrorRate = Setting(p, "slo.maxErrorRate", p.Ratio(slo.MaxErrorRate, "slo.maxErrorRate"), policy.MaxErrorRate),
                MinAchievedRate = Setting(p, "slo.minAchievedRate", p.Ratio(slo.MinAchievedRate, "slo.minAchievedRate"), policy.MinAchievedRate),
                MaxDroppedArrivals = Setting(p, "slo.maxDroppedArrivals", p.Count(slo.MaxDroppedArrivals, "slo.maxDroppedArrivals"), policy.MaxDroppedArrivals),
                MaxUnansweredRequests = Setting(p, "slo.maxUnansweredRequests", p.Count(slo.MaxUnansweredRequests, "slo.maxUnansweredRequests"), policy.MaxUnansweredRequests),
                StatusMixTolerance = Setting(p, "slo.statusMixTolerance", p.Ratio(slo.StatusMixTolerance, "slo.statusMixTolerance"), policy.StatusMixTolerance),
                MaxSchedulerLag = Setting(p, "slo.maxSchedulerLag", p.Duration(slo.MaxSchedulerLag, "slo.maxSchedulerLag"), policy.MaxSchedulerLag),
                MaxGeneratorCpu = Setting(p, "slo.maxGeneratorCpu", p.Ratio(slo.MaxGeneratorCpu, "slo.maxGeneratorCpu"), policy.MaxGeneratorCpu),
                FailWhenInconclusive = slo.FailWhenInconclusive ?? policy.FailWhenInconclusive,
                NoWorseThanProduction = slo.NoWorseThanProduction ?? policy.NoWorseThanProduction,
                NoWorseThanBaseline = slo.NoWorseThanBaseline ?? policy.NoWorseThanBaseline,
                RelativeTolerance = RelativeTolerance(p, slo.RelativeTolerance) ?? policy.RelativeTolerance,
                Endpoints = slo.Endpoints?.Select(e => (e.Key, Slo: p.Try<EndpointSlo?>(() => EndpointSlo(e.Key, e.Value, p), null)))
                    .Where(e => e.Slo is not null).ToDictionary(e => e.Key, e => e.Slo!) ?? policy.Endpoints,
            };
        }

        if (problems is null)
        {
            p.ThrowIfAny();
        }

        return policy;
    }

    // A key set to null switches its default off; absent, it keeps the default.
    private static T? Setting<T>(ConfigurationProblems problems, string key, T? value, T? fallback) where T : struct =>
        problems.IsOff(key) ? null : value ?? fallback;

    private static double? RelativeTolerance(ConfigurationProblems problems, double? value)
    {
        if (value is < 0 || (value is { } v && double.IsNaN(v)))
        {
            problems.Add($"{problems.Name("slo.relativeTolerance")} is {value}; it is a ratio of at least 0 (0.1 = 10 % worse allowed).");
            return null;
        }

        return value;
    }

    private static EndpointSlo EndpointSlo(string key, EndpointSloSettings slo, ConfigurationProblems p)
    {
        if (key.Split(' ', 2) is not [{ Length: > 0 }, ['/', ..]])
        {
            throw new ReplayConfigurationException(
                $"\"slo.endpoints\" has the key \"{key}\"; write an endpoint as in the traffic profile: a method, a space and a path, such as \"GET /products/{{id}}\".");
        }

        string name = $"slo.endpoints.{key}";
        return new EndpointSlo
        {
            P50 = p.Duration(slo.P50, name + ".p50"),
            P90 = p.Duration(slo.P90, name + ".p90"),
            P95 = p.Duration(slo.P95, name + ".p95"),
            P99 = p.Duration(slo.P99, name + ".p99"),
            Max = p.Duration(slo.Max, name + ".max"),
            MaxErrorRate = p.Ratio(slo.MaxErrorRate, name + ".maxErrorRate"),
        };
    }

    private static SloPolicy ApplyOverrides(SloPolicy policy, SloOverrides o, ConfigurationProblems p) => policy with
    {
        P50 = p.Duration(o.P50, "[IncidentReplay(P50 = …)]") ?? policy.P50,
        P90 = p.Duration(o.P90, "[IncidentReplay(P90 = …)]") ?? policy.P90,
        P95 = p.Duration(o.P95, "[IncidentReplay(P95 = …)]") ?? policy.P95,
        P99 = p.Duration(o.P99, "[IncidentReplay(P99 = …)]") ?? policy.P99,
        P999 = p.Duration(o.P999, "[IncidentReplay(P999 = …)]") ?? policy.P999,
        Max = p.Duration(o.Max, "[IncidentReplay(Max = …)]") ?? policy.Max,
        MaxErrorRate = double.IsNaN(o.MaxErrorRate) ? policy.MaxErrorRate : p.Ratio(o.MaxErrorRate, "[IncidentReplay(MaxErrorRate = …)]") ?? policy.MaxErrorRate,
        MinAchievedRate = double.IsNaN(o.MinAchievedRate) ? policy.MinAchievedRate : p.Ratio(o.MinAchievedRate, "[IncidentReplay(MinAchievedRate = …)]") ?? policy.MinAchievedRate,
        NoWorseThanProduction = o.NoWorseThanProduction || policy.NoWorseThanProduction,
        NoWorseThanBaseline = o.NoWorseThanBaseline || policy.NoWorseThanBaseline,
    };

    private static TimeSpan? Duration(string? text, string name) =>
        string.IsNullOrWhiteSpace(text) ? null : SloText.ParseDuration(text, $"\"{name}\"");

    private static string? FirstExisting(params string[] paths) => paths.FirstOrDefault(File.Exists);
}
