namespace Replay.Testing.Load.Http1;

/// <summary>
/// The arrivals an <see cref="Http1EventLoop"/> sends at their due times, on its own thread: the loop sleeps until
/// the next one is due or a socket is ready, so no scheduler thread wakes up per arrival and hands it over.
/// </summary>
internal interface IHttp1Schedule
{
    /// <summary>When the next arrival is due (a Stopwatch timestamp); <see cref="long.MaxValue"/> when none is left.</summary>
    long NextDueAt { get; }

    /// <summary>The next arrival due by <paramref name="now"/> that is to be sent, or null when none is (yet).</summary>
    Http1Exchange? TakeDue(long now);

    /// <summary>The loop stops following the schedule (it was aborted or disposed): what was not taken is not sent.</summary>
    void Abandon();
}
