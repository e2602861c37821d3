using Replay.Testing.Load;

namespace Replay.Testing.Tests.Load;

public class RequestDeadlinesTests
{
    [Fact]
    public async Task A_request_token_times_out_after_the_timeout_and_counts_as_a_timeout()
    {
        using var abort = new CancellationTokenSource();
        using var deadlines = new RequestDeadlines(TimeSpan.FromMilliseconds(200), abort.Token);

        var token = deadlines.ForRequestStartingNow();
        token.IsCancellationRequested.Should().BeFalse();
        await Task.Delay(TimeSpan.FromSeconds(5), token).ContinueWith(_ => { }, TestContext.Current.CancellationToken);

        token.IsCancellationRequested.Should().BeTrue("the 200 ms timeout (plus at most one 100 ms slice) has passed");
        deadlines.TimedOut(token).Should().BeTrue();
    }

    [Fact]
    public void Requests_starting_in_the_same_slice_share_a_token_and_an_abort_is_not_a_timeout()
    {
        using var abort = new CancellationTokenSource();
        using var deadlines = new RequestDeadlines(TimeSpan.FromMinutes(1), abort.Token);

        var first = deadlines.ForRequestStartingNow();
        var second = deadlines.ForRequestStartingNow();
        abort.Cancel();

        // Two calls a few microseconds apart almost always land in one 100 ms slice; both must see the abort anyway.
        first.IsCancellationRequested.Should().BeTrue();
        second.IsCancellationRequested.Should().BeTrue();
        deadlines.TimedOut(first).Should().BeFalse("an aborted run is not a slow target");
    }

    [Fact]
    public async Task Slices_keep_coming_while_old_ones_are_released()
    {
        using var abort = new CancellationTokenSource();
        using var deadlines = new RequestDeadlines(TimeSpan.FromMilliseconds(1), abort.Token);
        var tokens = new List<CancellationToken>();
        for (int i = 0; i < 5; i++)
        {
            tokens.Add(deadlines.ForRequestStartingNow());
            await Task.Delay(150, TestContext.Current.CancellationToken);
        }

        tokens.Distinct().Should().HaveCount(5, "each 100 ms slice has its own token");
        tokens.Take(4).Should().AllSatisfy(t => t.IsCancellationRequested.Should().BeTrue());
    }
}
