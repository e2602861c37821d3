using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Replay.Testing.Environments.Existing;
using Replay.Testing.IntegrationTests.Servers;
using Replay.Testing.IntegrationTests.Targets;
using Replay.Testing.Load;
using Replay.Testing.Plans;
using Replay.Testing.Traffic;

namespace Replay.Testing.IntegrationTests.Verdicts;

/// <summary>
/// A PASSED must be proof: real targets on 127.0.0.1 that answer nothing, hang, fail, or answer fast with the wrong
/// status, each replayed with the defaults (and the usual latency limits), and none of them passes.
/// </summary>
[Trait("Category", "Integration")]
public sealed class NoFalsePassTests
{
    private static readonly SloPolicy LatencyLimits = new() { P95 = TimeSpan.FromMilliseconds(300), P99 = TimeSpan.FromSeconds(1) };

    internal static ReplayRequest Request(Uri target, SloPolicy slo, TrafficProfile? profile = null, LoadEngineOptions? load = null,
        double seconds = 3) =>
        new("NoFalsePass.Replay", TestProfiles.Window, new IncidentReplayOptions
        {
            TrafficSource = new FixedTrafficSource(profile ?? TestProfiles.Steady(perMinute: 1200)),
            Provisioner = new ExistingEnvironmentProvisioner(target.ToString()),
            Plan = new ReplayPlanOptions { Duration = TimeSpan.FromSeconds(seconds) },
            Load = load ?? new LoadEngineOptions { RequestTimeout = TimeSpan.FromSeconds(2), DrainTimeout = TimeSpan.FromSeconds(3) },
            Slo = slo,
        });

    /// <summary>The steady test profile with production's answers counted: 97 % 2xx, 2 % 3xx, 1 % 4xx.</summary>
    internal static TrafficProfile WithProductionStatuses(TrafficProfile profile) => profile with
    {
        Timeline = profile.Timeline.Select(b => b with
        {
            Statuses = new StatusClassCounts(0, b.CoveredRequests * 97 / 100, b.CoveredRequests * 2 / 100, b.CoveredRequests / 100, 0),
        }).ToList(),
    };

    [Fact]
    public async Task A_target_that_is_down_fails_with_no_responses_to_judge()
    {
        // Given a port nothing listens on
        var target = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}/");

        // When the incident is replayed against it with latency limits
        var report = await ReplayRunner.RunAsync(Request(target, LatencyLimits), new RecordingContext(), TestContext.Current.CancellationToken);

        // Then no latency row passes on zero samples, and the unanswered requests fail the verdict
        report.Verdict.Outcome.Should().Be(VerdictOutcome.Failed, report.Verdict.ToTable());
        report.Verdict.Checks.Where(c => c.Metric.EndsWith("response time", StringComparison.Ordinal))
            .Should().OnlyContain(c => !c.Passed && c.Measured == "no responses to judge");
        var unanswered = report.Verdict.Checks.Single(c => c.Metric == "unanswered requests");
        unanswered.Passed.Should().BeFalse();
        unanswered.Measured.Should().Contain("refused");
        report.Result!.ResponseTime.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_hung_target_fails_and_its_pending_requests_are_timeouts_in_the_percentiles()
    {
        // Given a real nginx whose processes are stopped (SIGSTOP): connections are accepted by the kernel, nothing answers
        await using var nginx = await NginxServer.StartAsync();
        var pids = NginxPids(nginx.MasterPid!.Value);
        Signal("STOP", pids);
        try
        {
            // When replayed with a request timeout longer than the drain, so requests are still pending when it ends
            var load = new LoadEngineOptions { RequestTimeout = TimeSpan.FromSeconds(30), DrainTimeout = TimeSpan.FromSeconds(1) };
            var report = await ReplayRunner.RunAsync(Request(nginx.BaseAddress, LatencyLimits, load: load, seconds: 2),
                new RecordingContext(), TestContext.Current.CancellationToken);

            // Then every request is a timeout at the time it was given up, and the percentiles see them
            report.Verdict.Outcome.Should().Be(VerdictOutcome.Failed, report.Verdict.ToTable());
            report.Result!.TransportErrors.Should().ContainKey("timeout").And.NotContainKey("aborted");
            report.Result.ResponseTime.Count.Should().Be(report.Result.Sent);
            report.Result.ResponseTime.P95Ms.Should().BeGreaterThan(900, "the last requests waited at least the one-second drain");
            report.Verdict.Checks.Single(c => c.Metric == "p95 response time").Passed.Should().BeFalse();
        }
        finally
        {
            Signal("CONT", pids);
        }
    }

    [Fact]
    public async Task An_all_500_target_fails_without_any_slo_configured()
    {
        await using var target = await KestrelTarget.StartAsync(context => { context.Response.StatusCode = 500; return Task.CompletedTask; });

        var report = await ReplayRunner.RunAsync(Request(target.BaseAddress, new SloPolicy()), new RecordingContext(), TestContext.Current.CancellationToken);

        report.Verdict.Outcome.Should().Be(VerdictOutcome.Failed, report.Verdict.ToTable());
        report.Verdict.Checks.Single(c => c.Metric == "error rate").Should().Match<SloCheck>(c => !c.Passed && c.Measured == "100 %");
    }

    [Theory]
    [InlineData(401)]
    [InlineData(404)]
    public async Task A_fast_4xx_target_fails_the_status_mix_naming_the_endpoint_and_code(int status)
    {
        // Given a target that answers at once, but with a status production barely sent (1 % 4xx)
        await using var target = await KestrelTarget.StartAsync(context => { context.Response.StatusCode = status; return Task.CompletedTask; });
        var profile = WithProductionStatuses(TestProfiles.Steady(perMinute: 1200));

        var report = await ReplayRunner.RunAsync(Request(target.BaseAddress, LatencyLimits, profile), new RecordingContext(),
            TestContext.Current.CancellationToken);

        // Then the latency rows pass (it was fast), and the verdict still fails on the status mix
        report.Verdict.Checks.Single(c => c.Metric == "p95 response time").Passed.Should().BeTrue();
        report.Verdict.Outcome.Should().Be(VerdictOutcome.Failed, report.Verdict.ToTable());
        var mix = report.Verdict.Checks.Single(c => c.Metric == "status mix like production" && c.Scope == SloCheck.AllEndpoints);
        mix.Passed.Should().BeFalse();
        mix.Measured.Should().Be("4xx 100 % (production 1 %)");
        mix.Detail.Should().StartWith($"GET /a: {status} × ").And.Contain("(production: 1 % 4xx)");
        report.Verdict.ToTable().Should().Contain($"status mix like production: GET /a: {status} × ");
    }

    [Fact]
    public async Task Error_statuses_count_chosen_codes_as_errors()
    {
        await using var target = await KestrelTarget.StartAsync(context => { context.Response.StatusCode = 401; return Task.CompletedTask; });
        var load = new LoadEngineOptions { RequestTimeout = TimeSpan.FromSeconds(2), ErrorStatuses = [401, 403] };

        var report = await ReplayRunner.RunAsync(Request(target.BaseAddress, new SloPolicy(), load: load), new RecordingContext(),
            TestContext.Current.CancellationToken);

        report.Result!.Errors.Should().Be(report.Result.Sent);
        report.Verdict.Checks.Single(c => c.Metric == "error rate").Passed.Should().BeFalse();
    }

    [Fact]
    public async Task A_production_like_mix_passes_with_every_default_on()
    {
        // Given a target that answers like production did: mostly 200, some redirects and a few 404s
        long served = 0;
        await using var target = await KestrelTarget.StartAsync(context =>
        {
            long n = Interlocked.Increment(ref served);
            context.Response.StatusCode = n % 50 == 0 ? 404 : n % 40 == 0 ? 302 : 200;
            return context.Response.WriteAsync("ok");
        });
        var profile = WithProductionStatuses(TestProfiles.Steady(perMinute: 1200));

        var report = await ReplayRunner.RunAsync(Request(target.BaseAddress, LatencyLimits, profile), new RecordingContext(),
            TestContext.Current.CancellationToken);

        report.Verdict.Outcome.Should().Be(VerdictOutcome.Passed, report.Verdict.ToTable());
        report.Verdict.Checks.Select(c => c.Metric).Should().Contain(["error rate", "unanswered requests", "achieved rate",
            "dropped arrivals", "status mix like production", "scheduler lag p99", "CPU, busiest 5 s"]);
    }

    [Fact]
    public async Task A_source_without_status_classes_says_the_status_mix_is_not_available()
    {
        await using var target = await KestrelTarget.StartAsync();

        var report = await ReplayRunner.RunAsync(Request(target.BaseAddress, new SloPolicy()), new RecordingContext(), TestContext.Current.CancellationToken);

        var mix = report.Verdict.Checks.Single(c => c.Metric == "status mix like production");
        mix.Available.Should().BeFalse();
        mix.ResultText.Should().Be("n/a");
        mix.Measured.Should().Be("no status classes in the traffic source");
        report.Verdict.ToTable().Should().MatchRegex(@"status mix like production \|.*\| n/a");
    }

    private static List<int> NginxPids(int master)
    {
        var children = Directory.GetDirectories("/proc").Select(Path.GetFileName)
            .Select(p => int.TryParse(p, out int pid) ? pid : 0)
            .Where(pid => pid > 0 && ParentOf(pid) == master);
        return [master, .. children];
    }

    private static int ParentOf(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after its closing parenthesis.
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static void Signal(string signal, IEnumerable<int> pids)
    {
        foreach (int pid in pids)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {pid}") { UseShellExecute = false })!;
            kill.WaitForExit();
        }
    }
}
