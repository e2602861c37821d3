namespace Replay.Testing.Load.Http1;

/// <summary>
/// One request handed to the <see cref="Http1EventLoop"/>: its bytes, and what to do with the outcome. The callbacks
/// run on the loop's thread, so they record and return; a retry is a new <see cref="Http1EventLoop.Submit"/>.
/// </summary>
/// <param name="request">The whole request: head and body.</param>
/// <param name="isHead">A HEAD request: its response has no body whatever its headers say.</param>
/// <param name="closeConnection">Close the connection after the response (a client that does not reuse connections).</param>
internal abstract class Http1Exchange(byte[] request, bool isHead, bool closeConnection)
{
    /// <summary>The whole request: head and body.</summary>
    public byte[] Request { get; } = request;

    /// <summary>A HEAD request: its response has no body whatever its headers say.</summary>
    public bool IsHead { get; } = isHead;

    /// <summary>Close the connection after the response (a client that does not reuse connections).</summary>
    public bool CloseConnection { get; } = closeConnection;

    /// <summary>The endpoint's response check, or null when its responses are not checked (nothing of them is then kept).</summary>
    public ResponseCheckMatcher? Check { get; init; }

    /// <summary>When the attempt began (a Stopwatch timestamp): its timeout counts from here, waiting for a connection included.</summary>
    internal long StartedAt { get; set; }

    /// <summary>Not before this Stopwatch timestamp (a retry's backoff); 0 for at once.</summary>
    internal long NotBefore { get; set; }

    /// <summary>Whether it was sent once more because a kept-alive connection had been closed before any answer.</summary>
    internal bool Resent { get; set; }

    /// <summary>The whole response arrived.</summary>
    /// <param name="status">Its status code.</param>
    /// <param name="writtenAt">When the request reached the socket (Stopwatch timestamp).</param>
    /// <param name="endedAt">When the response ended.</param>
    /// <param name="checkFailed">Whether the response failed <see cref="Check"/>.</param>
    public abstract void Answered(int status, long writtenAt, long endedAt, bool checkFailed);

    /// <summary>No response: <paramref name="kind"/> is <c>refused</c>, <c>reset</c>, <c>timeout</c>, <c>aborted</c> or <c>other</c>.</summary>
    /// <param name="kind">What went wrong.</param>
    /// <param name="writtenAt">When the request reached the socket, or 0 when it never did.</param>
    /// <param name="endedAt">When the failure was noticed.</param>
    public abstract void Failed(string kind, long writtenAt, long endedAt);
}
