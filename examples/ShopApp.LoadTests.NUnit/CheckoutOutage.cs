using NUnit.Framework;
using Replay.Testing;

namespace ShopApp.LoadTests;

/// <summary>
/// The 2026-03-10 outage: a marketing e-mail sent shoppers to the catalogue from 12:20 to 12:35 UTC, the catalogue
/// page ran one query per product, and the shop fell over. These replays prove the fix holds under that traffic.
/// </summary>
public class CheckoutOutage
{
    [IncidentReplay("2026-03-10T12:00Z", "2026-03-10T13:00Z")]
    public async Task Fix_holds_under_outage_traffic(ReplayRun run)
    {
        var report = await run.ReplayAsync(TestContext.CurrentContext.CancellationToken);

        // The SLO verdict is checked after the test; here, that the clone really ran on production's data.
        Assert.That(report.Parity.Any(fact => fact.Name == "Data" && fact.Note.Contains("users SET email")), Is.True,
            "the clone's data was scrubbed");
    }

    [IncidentReplay("2026-03-10T12:00Z", "2026-03-10T13:00Z")]
    public async Task Build_before_the_fix_falls_over_and_the_fix_holds(ReplayRun run)
    {
        // The build that was live on 2026-03-10: the same traffic must knock it over, or this replay proves nothing.
        var before = await run.ReplayBaselineAsync(
            options => options with { TargetEnvironment = new Dictionary<string, string> { ["Shop__Build"] = "broken" } },
            cancellationToken: TestContext.CurrentContext.CancellationToken);
        var after = await run.ReplayAsync(TestContext.CurrentContext.CancellationToken);

        Assert.That(before.Verdict.Passed, Is.False, "the build before the fix should fail its SLOs:\n" + before.Verdict.ToTable());
        Assert.That(after.Verdict.Passed, Is.True, after.Verdict.ToTable());
    }
}
