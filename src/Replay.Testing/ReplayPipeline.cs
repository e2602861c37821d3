using System.Diagnostics;
using System.Globalization;
using Replay.Testing.Environments;
using Replay.Testing.Environments.Databases;
using Replay.Testing.Environments.Resources;
using Replay.Testing.Load;
using Replay.Testing.Plans;
using Replay.Testing.Reporting;
using Replay.Testing.Secrets;
using Replay.Testing.Slo;
using Replay.Testing.Traffic;
using Replay.Testing.Traffic.Snapshots;

namespace Replay.Testing;

/// <summary>The orchestrator behind <see cref="ReplayRunner"/>: one replay, stage by stage, teardown guaranteed.</summary>
internal sealed class ReplayPipeline(ReplayRequest request, IReplayContext output)
{
    private readonly IncidentReplayOptions _options = request.Options;

    // One redactor per run: what the run learns (tokens, passwords) is masked in every line, failure and report.
    private readonly RedactingReplayContext _context = new(output, new SecretRedactor());

    private SecretRedactor Secrets => _context.Secrets;

    public async Task<ReplayReport> RunAsync(CancellationToken cancellationToken)
    {
        SecretRedactor.Use(Secrets);
        // Two replays at once, in this process or another test assembly's, would measure each other.
        await using var oneAtATime = await ReplayLock.AcquireAsync(ReplayLock.DefaultPath, _context.WriteLine, cancellationToken).ConfigureAwait(false);
        var report = Redacted(await ReplayAsync(cancellationToken).ConfigureAwait(false));
        report = await WriteReportsAsync(report, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return report;
    }

    private async Task<ReplayReport> ReplayAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var report = new ReplayReport
        {
            TestName = request.TestName,
            Window = request.Window,
            StartedAt = DateTimeOffset.UtcNow,
            Verdict = SloVerdict.NotJudged("the replay did not start"),
            RunEnvironment = RunEnvironment.Current(),
        };

        string stage = "configuration";
        try
        {
            ValidateOptions();
            stage = "traffic";
            var source = _options.TrafficSource ?? throw new ReplayConfigurationException(
                "No traffic source is set: commit a snapshot of the window, or set IncidentReplayOptions.TrafficSource.");
            var provisioner = _options.Provisioner ?? throw new ReplayConfigurationException(
                "No target is set: configure \"target\" in replay.json (a base URL or a local project), or set IncidentReplayOptions.Provisioner.");

            _context.WriteLine($"Incident replay {request.TestName} [{request.Window}]");
            _context.WriteLine($"  target:  {provisioner.Description}");
            var profile = await source.FetchAsync(request.Window, cancellationToken).ConfigureAwait(false);
            report = report with { Profile = profile };
            if (source is SnapshotTrafficSource snapshot)
            {
                report = report with { SnapshotPath = snapshot.Path, SnapshotHash = TrafficSnapshotFile.HashOf(snapshot.Path) };
            }
            else if (source is SnapshotRecordingTrafficSource recording)
            {
                string saved = recording.SnapshotPath(request.Window);
                report = report with { SnapshotPath = saved, SnapshotHash = TrafficSnapshotFile.HashOf(saved) };
                _context.WriteLine($"  traffic: read live and saved as \"{saved}\"; commit it to replay this window offline");
            }

            _context.WriteLine($"  traffic: {profile.Origin.Description}{(report.SnapshotPath is { } p ? $" (snapshot {Path.GetFileName(p)})" : "")}: " +
                $"{profile.Endpoints.Count} endpoints, {N(profile.CoveredRequests)} of {N(profile.TotalRequests)} requests " +
                $"({SloText.Percent(profile.Coverage)} coverage)");

            // A plan whose template values come from the clone's data is made once the clone exists; any other
            // before provisioning, so a plan mistake costs no environment.
            stage = "plan";
            var plan = _options.Plan.TemplateQueries.Count == 0 ? ReplayPlan.Create(profile, _options.Plan) : null;
            if (plan is not null)
            {
                ResponseCheckMatcher.ThrowOnUnknownEndpoints(plan, _options.Load.ResponseChecks);
                report = Planned(report, plan, profile);
            }

            stage = "environment";
            var provisioning = new ProvisioningContext { Profile = profile, Environment = _options.TargetEnvironment, Log = _context.WriteLine };
            await using var environment = await provisioner.ProvisionAsync(provisioning, cancellationToken).ConfigureAwait(false);
            await ProductionGuard.CheckAsync(environment.BaseAddress, profile.ProductionHosts, _options.AllowProductionTarget, cancellationToken).ConfigureAwait(false);
            report = report with
            {
                Target = new ReplayTarget(environment.BaseAddress, environment.Kind, environment.Description),
                Parity = environment.Parity,
            };
            _context.WriteLine($"  target:  {environment.Description}");

            if (plan is null)
            {
                stage = "plan";
                var values = await TemplateValueQuery.RunAsync(environment.Database, _options.Plan.TemplateQueries, cancellationToken).ConfigureAwait(false);
                foreach (var (name, found) in values)
                {
                    _context.WriteLine($"  values:  {{{name}}} takes {N(found.Count)} values from the clone's data");
                }

                var merged = new Dictionary<string, IReadOnlyList<string>>(values);
                foreach (var (name, configured) in _options.Plan.TemplateValues)
                {
                    merged[name] = configured;   // values given in configuration win
                }

                plan = ReplayPlan.Create(profile, _options.Plan with { TemplateValues = merged });
                report = Planned(report, plan, profile);
            }

            stage = "load";
            var engine = new LoadEngine(_options.Load);
            var progress = new SynchronousProgress<LoadProgress>(p => _context.WriteLine(Describe(p)));
            environment.ResourceSampler?.Start();
            ReplayResult result;
            try
            {
                result = await engine.RunAsync(plan, environment.BaseAddress, progress, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                report = report with { Resources = await ResourceUsageOfAsync(environment, profile).ConfigureAwait(false) };
            }

            report = report with { Result = result };

            var verdict = result.Cancelled
                ? SloVerdict.NotJudged("the replay was cancelled") with { Checks = _options.Slo.Evaluate(result, profile, _options.BaselineResult).Checks }
                : _options.Slo.Evaluate(result, profile, _options.BaselineResult);
            report = report with { Verdict = verdict };
            _context.WriteLine(verdict.ToTable());
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            report = report with
            {
                Failure = new ReplayFailure(stage, e.GetType().Name, Secrets.Redact(e.Message)),
                Verdict = SloVerdict.NotJudged($"the {stage} stage failed"),
            };
            _context.WriteLine($"  The {stage} stage failed: {e.Message}");
        }
        catch (OperationCanceledException)
        {
            report = report with { Verdict = SloVerdict.NotJudged("the replay was cancelled") };
            _context.WriteLine("  The replay was cancelled; the target was torn down.");
        }

        return report with { Elapsed = clock.Elapsed };
    }

    // Every option a user can get wrong in code is judged before traffic is read or a target provisioned.
    private void ValidateOptions()
    {
        var problems = new List<string>(_options.Slo.Problems());
        problems.AddRange(_options.Plan.Problems());
        try
        {
            _options.Load.Validate();
        }
        catch (ReplayConfigurationException e)
        {
            problems.AddRange(e.Problems);
        }

        if (problems.Count > 0)
        {
            throw new ReplayConfigurationException(problems);
        }
    }

    private async Task<ReplayReport> WriteReportsAsync(ReplayReport report, CancellationToken cancellationToken)
    {
        if (_options.Reporters.Count == 0)
        {
            return report;
        }

        var problems = new List<string>();
        try
        {
            Directory.CreateDirectory(_context.ResultsDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // The verdict is finished: a folder that cannot be made is a problem beside it, not an exception that
            // throws it away. The reporters still run; one that writes elsewhere (the job summary) still can.
            problems.Add($"results folder \"{_context.ResultsDirectory}\" could not be created: {e.GetType().Name}: {e.Message}");
           _context.WriteLine($"  The results folder \"{_context.ResultsDirectory}\" could not be created: {e.Message}");
        }

        var reportContext = new ReportContext(_context.ResultsDirectory, FileStem(request.TestName));
        var artifacts = new List<string>();
        foreach (var reporter in _options.Reporters)
        {
            try
            {
                // Each reporter sees the problems of those before it, so the summary can say what is missing.
                var sofar = report with { ReporterProblems = [.. problems] };
                artifacts.AddRange(await reporter.ReportAsync(sofar, reportContext, CancellationToken.None).ConfigureAwait(false));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A reporter's failure is reported, never allowed to hide the verdict.
                problems.Add(Secrets.Redact($"{reporter.Name}: {e.GetType().Name}: {e.Message}"));
                _context.WriteLine($"  The {reporter.Name} reporter failed: {e.Message}");
            }
        }

        foreach (string artifact in artifacts)
        {
            _context.WriteLine($"  report:  {artifact}");
        }

        return report with { Artifacts = artifacts, ReporterProblems = problems };
    }

    // The free text a report carries, masked before any reporter sees it.
    private ReplayReport Redacted(ReplayReport report) => report with
    {
        Failure = report.Failure is { } failure ? failure with { Message = Secrets.Redact(failure.Message) } : null,
        Verdict = report.Verdict.Problem is { } problem ? report.Verdict with { Problem = Secrets.Redact(problem) } : report.Verdict,
        Target = report.Target is { } target ? target with { Description = Secrets.Redact(target.Description) } : null,
        Parity = [.. report.Parity.Select(f => f with { Production = Secrets.Redact(f.Production), Target = Secrets.Redact(f.Target), Note = Secrets.Redact(f.Note) })],
    };

    private static async Task<ResourceUsage?> ResourceUsageOfAsync(TargetEnvironment environment, TrafficProfile profile)
    {
        // Bounded and not cancelled with the run: the samples of a cancelled replay are still worth reporting.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        IReadOnlyList<ResourceSample> target = [];
        if (environment.ResourceSampler is { } running)
        {
            try
            {
                target = await running.StopAsync(limit.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TrafficSourceException or OperationCanceledException or HttpRequestException)
            {
                target = [];   // the replay's figures stand without the target's usage; the source line says "not sampled"
            }
        }

        var production = profile.ProductionResources;
        if (target.Count == 0 && production is not { Usage.Count: > 0 })
        {
            return null;
        }

        return new ResourceUsage
        {
            Target = target,
            Production = production?.Usage ?? [],
            TargetCpuLimitCores = environment.ResourceLimits.CpuCores,
            TargetMemoryLimitBytes = environment.ResourceLimits.MemoryBytes,
            ProductionCpuLimitCores = production?.CpuCores,
            ProductionMemoryLimitBytes = production?.MemoryBytes,
            Source = string.Join("; ", new[]
            {
                environment.ResourceSampler is { } sampler ? "target: " + sampler.Source : "target: not sampled",
                production is { Usage.Count: > 0 } ? "production: " + production.Source : null,
            }.OfType<string>()),
        };
    }

    private ReplayReport Planned(ReplayReport report, ReplayPlan plan, TrafficProfile profile)
    {
        _context.WriteLine($"  plan:    {N(plan.TotalRequests)} requests over {plan.Duration} " +
            $"({plan.Compression.ToString("0.##", CultureInfo.InvariantCulture)}x compression, rate x{_options.Plan.RateScale.ToString("0.##", CultureInfo.InvariantCulture)}, " +
            (_options.Plan.Order == RequestOrder.Recorded ? "production's requests in recorded order)"
                : $"seed {_options.Plan.Seed}{(_options.Plan.Arrivals == ArrivalSpacing.Poisson ? ", Poisson arrivals" : "")})"));
        _context.WriteLine("  phases:  " + (plan.Phases.Count == 0 ? plan.PhaseNote : string.Join("; ", plan.Phases.Select(PhaseText.Describe))));
        return report with
        {
            Plan = new ReplayPlanSummary(plan.Duration, plan.Compression, _options.Plan.RateScale, _options.Plan.Seed,
                plan.TotalRequests, plan.Endpoints.Select(e => e.Key).ToList())
            {
                Order = _options.Plan.Order,
                Arrivals = _options.Plan.Arrivals,
                CompressionMode = _options.Plan.Compression,
                Phases = plan.Phases,
                PhaseNote = plan.PhaseNote,
                Uncovered = _options.Plan.Uncovered,
                Coverage = _options.Plan.Order == RequestOrder.Recorded ? 1 : profile.Coverage,
                TemplateValues = plan.Endpoints.SelectMany(e => e.Placeholders)
                    .GroupBy(p => p.Name, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => string.Join(" / ", g.Select(p => p.Describe()).Distinct(StringComparer.Ordinal)), StringComparer.Ordinal),
            },
        };
    }

    private static string Describe(LoadProgress p) =>
        string.Create(CultureInfo.InvariantCulture,
            $"  [{p.Elapsed.TotalSeconds,5:0}s/{p.Duration.TotalSeconds:0}s] sent {N(p.Sent)}/{N(p.Planned)}  {p.AchievedRate,8:0.0} req/s  " +
            $"errors {N(p.Errors)}  dropped {N(p.Dropped)}  p95 {SloText.Milliseconds(p.P95Milliseconds)}");

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string FileStem(string testName) =>
        string.Concat(testName.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c == ' ' ? '_' : c));

    // Progress<T> posts to the captured context; test output wants the line written when it happens.
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
