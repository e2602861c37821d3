namespace Replay.Testing;

/// <summary>Runs incident replays. The test-framework adapters call this; so can any code.</summary>
public static class ReplayRunner
{
    /// <summary>
    /// Fetches the window's traffic, provisions the target, replays the plan, checks the SLOs, writes the reports and
    /// tears the target down. Always returns a report: a failed stage is recorded in it, not thrown.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled; the target was torn down first.</exception>
    public static Task<ReplayReport> RunAsync(ReplayRequest request, IReplayContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return new ReplayPipeline(request, context).RunAsync(cancellationToken);
    }
}
