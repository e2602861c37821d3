using Replay.Testing.Load;

namespace Replay.Testing.Slo;

/// <summary>
/// The rows that judge the load generator rather than the target: late sends and a saturated process. A failure
/// makes the verdict INCONCLUSIVE, since the measured latency is then partly the generator's own.
/// </summary>
internal static class GeneratorChecks
{
    public static IEnumerable<SloCheck> Evaluate(TimeSpan? maxLag, double? maxCpu, ReplayResult result)
    {
        if (maxLag is { } lag && result.Sent > 0)
        {
            double limitMs = lag.TotalMilliseconds, measuredMs = result.SchedulerLag.P99Ms;
            yield return new SloCheck(SloCheck.LoadGenerator, "scheduler lag p99", "<= " + SloText.Milliseconds(limitMs),
                SloText.Milliseconds(measuredMs), measuredMs <= limitMs, limitMs, measuredMs) { Kind = SloCheckKind.Generator };
        }

        if (maxCpu is { } cpu)
        {
            yield return result.Generator is { CpuPerSecond.Count: > 0 } usage
                ? new SloCheck(SloCheck.LoadGenerator, "CPU, busiest 5 s", "<= " + SloText.Percent(cpu),
                    SloText.Percent(usage.BusiestCpu) + " of " + usage.Cores + (usage.Cores == 1 ? " core" : " cores"),
                    usage.BusiestCpu <= cpu, cpu, usage.BusiestCpu) { Kind = SloCheckKind.Generator }
                : SloCheck.NotAvailable(SloCheck.LoadGenerator, "CPU, busiest 5 s", "<= " + SloText.Percent(cpu), "not sampled") with { Kind = SloCheckKind.Generator };
        }
    }
}
