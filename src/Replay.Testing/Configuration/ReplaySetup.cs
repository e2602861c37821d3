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
        var trafficSource = TrafficSource(settings.Traffic, settingsDirectory, snapshot,
            Path.Combine(projectDirectory, SnapshotFolderName), Refresh(System.Environment.GetEnvironmentVariable(RefreshVariable)));
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

        var provisioner = Provisioner(settings.Target, settingsDirectory, configurationPath);
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
            Plan = Plan(settings.Plan),
            Load = Load(settings.Load),
            Slo = ApplyOverrides(Slo(settings.Slo), input.Slo),
            Reporters = reporters,
        };
        return new ReplaySetupResult(new ReplayRequest($"{input.TestClass}.{input.TestMethod}", window, options), null, resultsDirectory);
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
            var overrides = ReplayEnvironmentOverrides.Apply(root, environment);
            if (overrides.Count > 0)
            {
                source += $" with REPLAY__ overrides of {string.Join(", ", overrides)}";
            }

            return root.Deserialize<ReplaySettings>(SettingsJson) ?? new ReplaySettings();
        }
        catch (JsonException e)
        {
            throw new ReplayConfigurationException(
                $"{source} is not valid replay configuration (at {e.Path ?? "the root"}): {e.Message} " +
                "The keys are documented in the README under \"Configuration\".");
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

    internal static ReplayPlanOptions Plan(PlanSettings? plan)
    {
        var options = new ReplayPlanOptions();
        if (plan is null)
        {
            return options;
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
            TemplateValues = plan.TemplateValues?.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value) ?? options.TemplateValues,
            RequestBodies = plan.RequestBodies?.ToDictionary(p => p.Key, p => Body(p.Key, p.Value)) ?? options.RequestBodies,
        };
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

    internal static Load.LoadEngineOptions Load(LoadSettings? load)
    {
        var options = new Load.LoadEngineOptions { WarmUp = DefaultWarmUp };
        return load is null ? options : options with
        {
            MaxInFlight = load.MaxInFlight ?? options.MaxInFlight,
            MaxConnections = load.MaxConnections ?? options.MaxConnections,
            RequestTimeout = Duration(load.RequestTimeout, "load.requestTimeout") ?? options.RequestTimeout,
            WarmUp = Duration(load.WarmUp, "load.warmUp") ?? options.WarmUp,
            UserAgent = load.UserAgent is { Length: > 0 } ua ? ua : options.UserAgent,
            Headers = load.Headers ?? options.Headers,
            HttpVersion = load.HttpVersion switch
            {
                null or "" => options.HttpVersion,
                "1.1" => System.Net.HttpVersion.Version11,
                "2" or "2.0" => System.Net.HttpVersion.Version20,
                var v => throw new ReplayConfigurationException($"\"load.httpVersion\" is \"{v}\"; use \"1.1\" or \"2\"."),
            },
            FreshConnectionShare = load.FreshConnectionShare ?? options.FreshConnectionShare,
            Retries = load.Retries ?? options.Retries,
            RetryBackoff = Duration(load.RetryBackoff, "load.retryBackoff") ?? options.RetryBackoff,
            FollowRedirects = load.FollowRedirects ?? options.FollowRedirects,
        };
    }

    internal static SloPolicy Slo(SloSettings? slo)
    {
        var policy = new SloPolicy();
        return slo is null ? policy : policy with
        {
            P50 = Duration(slo.P50, "slo.p50") ?? policy.P50,
            P90 = Duration(slo.P90, "slo.p90") ?? policy.P90,
            P95 = Duration(slo.P95, "slo.p95") ?? policy.P95,
            P99 = Duration(slo.P99, "slo.p99") ?? policy.P99,
            P999 = Duration(slo.P999, "slo.p999") ?? policy.P999,
            Max = Duration(slo.Max, "slo.max") ?? policy.Max,
            MaxErrorRate = slo.MaxErrorRate ?? policy.MaxErrorRate,
            MinAchievedRate = slo.MinAchievedRate ?? policy.MinAchievedRate,
            MaxDroppedArrivals = slo.MaxDroppedArrivals ?? policy.MaxDroppedArrivals,
            NoWorseThanProduction = slo.NoWorseThanProduction ?? policy.NoWorseThanProduction,
            NoWorseThanBaseline = slo.NoWorseThanBaseline ?? policy.NoWorseThanBaseline,
            RelativeTolerance = slo.RelativeTolerance ?? policy.RelativeTolerance,
            Endpoints = slo.Endpoints?.ToDictionary(e => e.Key, e => EndpointSlo(e.Key, e.Value)) ?? policy.Endpoints,
        };
    }

    private static EndpointSlo EndpointSlo(string key, EndpointSloSettings slo)
    {
        if (key.Split(' ', 2) is not [{ Length: > 0 }, ['/', ..]])
        {
            throw new ReplayConfigurationException(
                $"\"slo.endpoints\" has the key \"{key}\"; write an endpoint as in the traffic profile: a method, a space and a path, such as \"GET /products/{{id}}\".");
        }

        string name = $"slo.endpoints.{key}";
        return new EndpointSlo
        {
            P50 = Duration(slo.P50, name + ".p50"),
            P90 = Duration(slo.P90, name + ".p90"),
            P95 = Duration(slo.P95, name + ".p95"),
            P99 = Duration(slo.P99, name + ".p99"),
            Max = Duration(slo.Max, name + ".max"),
            MaxErrorRate = slo.MaxErrorRate,
        };
    }

    private static SloPolicy ApplyOverrides(SloPolicy policy, SloOverrides o) => policy with
    {
        P50 = Duration(o.P50, "P50") ?? policy.P50,
        P90 = Duration(o.P90, "P90") ?? policy.P90,
        P95 = Duration(o.P95, "P95") ?? policy.P95,
        P99 = Duration(o.P99, "P99") ?? policy.P99,
        P999 = Duration(o.P999, "P999") ?? policy.P999,
        Max = Duration(o.Max, "Max") ?? policy.Max,
        MaxErrorRate = double.IsNaN(o.MaxErrorRate) ? policy.MaxErrorRate : o.MaxErrorRate,
        MinAchievedRate = double.IsNaN(o.MinAchievedRate) ? policy.MinAchievedRate : o.MinAchievedRate,
        NoWorseThanProduction = o.NoWorseThanProduction || policy.NoWorseThanProduction,
        NoWorseThanBaseline = o.NoWorseThanBaseline || policy.NoWorseThanBaseline,
    };

    private static TimeSpan? Duration(string? text, string name) =>
        string.IsNullOrWhiteSpace(text) ? null : SloText.ParseDuration(text, name);

    private static string? FirstExisting(params string[] paths) => paths.FirstOrDefault(File.Exists);
}
