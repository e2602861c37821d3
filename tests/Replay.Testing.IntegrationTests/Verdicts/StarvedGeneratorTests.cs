using Replay.Testing.IntegrationTests.Targets;
using Replay.Testing.Load;

namespace Replay.Testing.IntegrationTests.Verdicts;

[CollectionDefinition(nameof(StarvedGeneratorTests), DisableParallelization = true)]
public sealed class StarvedGeneratorCollection;

/// <summary>
/// A load generator starved of CPU measures its own queueing: the verdict is INCONCLUSIVE, and the test fails with a
/// message that says so. Runs alone (its spinning threads would starve every other test too).
/// </summary>
[Trait("Category", "Integration")]
[Collection(nameof(StarvedGeneratorTests))]
public sealed class StarvedGeneratorTests
{
    [Fact]
    public async Task A_starved_generator_makes_the_verdict_inconclusive_and_fails_the_test()
    {
        // Given a fast target and a generator whose process is saturated by spinning threads
        await using var target = await KestrelTarget.StartAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var spinners = Enumerable.Range(0, Environment.ProcessorCount * 3).Select(_ => new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                Thread.SpinWait(10_000);
            }
        }) { IsBackground = true }).ToList();
        spinners.ForEach(t => t.Start());
        ReplayReport report;
        var context = new RecordingContext();
        var run = new ReplayRun(NoFalsePassTests.Request(target.BaseAddress, new SloPolicy { P95 = TimeSpan.FromMinutes(1) },
            load: new LoadEngineOptions { RequestTimeout = TimeSpan.FromSeconds(5) }, seconds: 6), context);
        try
        {
            // When the incident is replayed
            report = await run.ReplayAsync(TestContext.Current.CancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
            spinners.ForEach(t => t.Join());
        }

        // Then the verdict is neither PASSED nor FAILED: the generator's rows say why, and the test fails with that
        report.Verdict.Outcome.Should().Be(VerdictOutcome.Inconclusive, report.Verdict.ToTable());
        report.Verdict.Checks.Where(c => c.Kind == SloCheckKind.Generator).Should().Contain(c => !c.Passed);
        report.Result!.Generator!.CpuPerSecond.Should().NotBeEmpty();
        var act = () => run.EnsureExpectedVerdict(report);
        act.Should().Throw<ReplayVerdictException>().WithMessage("*SLO verdict: INCONCLUSIVE (the load generator fell behind*");

        // And when inconclusive verdicts are allowed, the test passes but says it proves nothing
        var lenient = new ReplayRun(run.Request with { Options = run.Options with { Slo = run.Options.Slo with { FailWhenInconclusive = false } } }, context);
        lenient.EnsureExpectedVerdict(report);
        context.Lines.Should().Contain(l => l.Contains("INCONCLUSIVE and slo.failWhenInconclusive is false"));
    }
}
