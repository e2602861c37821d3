using Replay.Reporting;
using Replay.Reporting.Json;
using Replay.Testing.Environments.Existing;
using Replay.Testing.IntegrationTests.Targets;
using Replay.Testing.Plans;

namespace Replay.Testing.IntegrationTests;

[Trait("Category", "Integration")]
public class ReplayRunnerTests
{
    private static ReplayRequest Request(Uri target, SloPolicy slo) => new("CheckoutOutage.Fix_holds", TestProfiles.Window, new IncidentReplayOptions
    {
        TrafficSource = new FixedTrafficSource(TestProfiles.Steady(perMinute: 3000)),
        Provisioner = new ExistingEnvironmentProvisioner(target.ToString()),
        Plan = new ReplayPlanOptions { Duration = TimeSpan.FromSeconds(5) },
        Slo = slo,
        Reporters = DefaultReporters.All,
    });

    [Fact]
    public async Task An_impossible_slo_fails_the_run_and_the_message_is_the_readable_table()
    {
        await using var target = await KestrelTarget.StartAsync();
        var context = new RecordingContext();
        var run = new ReplayRun(Request(target.BaseAddress, SloPolicy.WithoutDefaults with { P95 = TimeSpan.FromTicks(10), MaxDroppedArrivals = 0 }), context);

        var report = await run.ReplayAsync(TestContext.Current.CancellationToken);
        var act = () => run.EnsureExpectedVerdict(report);

        var message = act.Should().Throw<ReplayVerdictException>().Which.Message;
        message.Should().Contain("SLO verdict: FAILED (1 of 2 checks failed)")
            .And.Contain("Scope | Metric            | Limit       | Measured")
            .And.MatchRegex(@"all   \| p95 response time \| <= 0\.001 ms \| [0-9.]+ ms +\| FAIL")
            .And.Contain("CheckoutOutage.Fix_holds-result.json");
        context.Lines.Should().Contain(l => l.Contains("SLO verdict: FAILED"));
    }

    [Fact]
    public async Task A_passing_run_states_its_target_first_and_writes_a_json_report_that_round_trips()
    {
        await using var target = await KestrelTarget.StartAsync();
        var context = new RecordingContext();
        // Another replay (another checkout's, another test module's) holds the machine-wide lock for a moment: the
        // lock's own lines come first, and the run's lines must still be judged by what they say.
        var otherReplay = await HoldLockAsync();
        var release = Task.Delay(300, TestContext.Current.CancellationToken).ContinueWith(_ => otherReplay.Dispose(), TaskScheduler.Default);

        // About the run's output: the generator's own health is judged elsewhere (NoFalsePassTests, StarvedGeneratorTests).
        var slo = new SloPolicy { P99 = TimeSpan.FromSeconds(5), MaxSchedulerLag = null, MaxGeneratorCpu = null };
        var report = await ReplayRunner.RunAsync(Request(target.BaseAddress, slo), context,
            TestContext.Current.CancellationToken);
        await release;

        report.Verdict.Passed.Should().BeTrue(report.Verdict.ToTable());
        report.Result!.Sent.Should().Be(250);
        var lines = context.Lines.Where(l => !l.StartsWith("  lock:", StringComparison.Ordinal)).ToList();
        lines[0].Should().StartWith("Incident replay CheckoutOutage.Fix_holds");
        lines[1].Should().StartWith("  target:  existing environment at " + target.BaseAddress);
        string json = File.ReadAllText(report.Artifacts.Single(a => a.EndsWith("-result.json", StringComparison.Ordinal)));
        var again = ReplayReportJson.Deserialize(json);
        again.Result!.Sent.Should().Be(250);
        again.Verdict.Passed.Should().BeTrue();
        ReplayReportJson.Serialize(again).Should().Be(json);
    }

    [Fact]
    public async Task A_finished_verdict_survives_a_results_folder_that_cannot_be_written()
    {
        // Given a passing replay whose results folder sits under a regular file
        await using var target = await KestrelTarget.StartAsync();
        string file = Path.Combine(TemporaryFolders.NewPath(), "not-a-folder");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, "a file", TestContext.Current.CancellationToken);
        var context = new UnwritableContext(Path.Combine(file, "results"));
        var slo = new SloPolicy { P99 = TimeSpan.FromSeconds(5), MaxSchedulerLag = null, MaxGeneratorCpu = null };
        var run = new ReplayRun(Request(target.BaseAddress, slo), context);

        // When
        var report = await run.ReplayAsync(TestContext.Current.CancellationToken);

        // Then the verdict is the replay's, the folder is a reporter problem, and the test's outcome is the verdict's
        report.Verdict.Passed.Should().BeTrue(report.Verdict.ToTable());
        report.ReporterProblems.Should().Contain(p => p.Contains(context.ResultsDirectory, StringComparison.Ordinal));
        run.EnsureExpectedVerdict(report);
    }

    private sealed class UnwritableContext(string resultsDirectory) : IReplayContext
    {
        public string ResultsDirectory { get; } = resultsDirectory;

        public void WriteLine(string message)
        {
        }
    }

    [Fact]
    public async Task A_production_host_is_refused_before_any_traffic_is_sent()
    {
        var context = new RecordingContext();

        var report = await ReplayRunner.RunAsync(Request(new Uri("https://shop.example.com"), new SloPolicy()), context,
            TestContext.Current.CancellationToken);

        report.Failure!.Stage.Should().Be("environment");
        report.Failure.Message.Should().Contain("Refusing to replay against https://shop.example.com/").And.Contain("AllowProductionTarget");
        report.Result.Should().BeNull();
        report.Verdict.Passed.Should().BeFalse();
    }

    // Takes the lock file as another process's replay would (not through ReplayLock, whose in-process gate would
    // keep the run from even trying), waiting while a replay elsewhere holds it.
    private static async Task<FileStream> HoldLockAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(ReplayLock.DefaultPath)!);
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); ; await Task.Delay(50, TestContext.Current.CancellationToken))
        {
            try
            {
                return new FileStream(ReplayLock.DefaultPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < TimeSpan.FromSeconds(60))
            {
                // a replay elsewhere holds it; ours comes after
            }
        }
    }
}
