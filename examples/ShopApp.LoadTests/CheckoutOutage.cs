using Replay.Testing;
using Xunit;

namespace ShopApp.LoadTests;

public class CheckoutOutage
{
    [IncidentReplay("2026-03-10T12:00Z", "2026-03-10T13:00Z")]
    public async Task Fix_holds_under_outage_traffic(ReplayRun run)
    {
        var report = await run.ReplayAsync(TestContext.Current.CancellationToken);

        Assert.Equal(report.Plan!.TotalRequests, report.Result!.Sent);
    }
}
