using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Replay.Testing.Load.Http1;

namespace Replay.Testing.Tests.Load;

/// <summary>The Linux event loop of the lean HTTP/1.1 transport against a loopback server that answers with canned bytes.</summary>
public sealed class Http1EventLoopTests : IAsyncDisposable
{
    private static readonly byte[] Get = Encoding.ASCII.GetBytes("GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
    private readonly CannedHttpServer _server = new();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static Http1EventLoop Loop(IPEndPoint endpoint, int connections = 4, double timeoutSeconds = 10)
    {
        Assert.SkipUnless(LinuxSocketCalls.IsSupported, "The event loop runs on Linux x64 and arm64 only.");
        return new Http1EventLoop(endpoint, connections, TimeSpan.FromSeconds(timeoutSeconds));
    }

    // Sends one request at a time, each after the previous outcome, as a keep-alive client does.
    private static async Task<List<Outcome>> SendInTurn(Http1EventLoop loop, int count, bool closeConnection = false)
    {
        var outcomes = new List<Outcome>();
        for (int i = 0; i < count; i++)
        {
            var exchange = new Recording(Get, closeConnection);
            loop.Submit(exchange);
            outcomes.Add(await exchange.Outcome.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken));
        }

        return outcomes;
    }

    [Fact]
    public async Task Content_length_chunked_and_bodiless_answers_all_come_back_on_one_kept_alive_connection()
    {
        string big = new('x', 200_000);
        _server.Answer(
            $"HTTP/1.1 200 OK\r\nContent-Length: {big.Length}\r\n\r\n{big}",
            "HTTP/1.1 404 Not Found\r\ntransfer-encoding: chunked\r\n\r\n4;ext=1\r\nabcd\r\n3\r\nefg\r\n0\r\nX-Trailer: 1\r\n\r\n",
            "HTTP/1.1 204 No Content\r\n\r\n",
            "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n");
        using var loop = Loop(_server.EndPoint);

        var outcomes = await SendInTurn(loop, 4);

        outcomes.Select(o => o.Status).Should().Equal(200, 404, 204, 304);
        outcomes.Should().OnlyContain(o => o.WrittenAt > 0 && o.EndedAt >= o.WrittenAt);
        _server.Connections.Should().Be(1);
    }

    [Fact]
    public async Task Connection_close_and_bodies_until_close_open_a_new_connection_for_the_next_request()
    {
        _server.Answer(
            "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok",
            "HTTP/1.0 200 OK\r\n\r\nbody until the end<close>",
            "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n");
        using var loop = Loop(_server.EndPoint);

        var outcomes = await SendInTurn(loop, 3);

        outcomes.Select(o => o.Status).Should().Equal(200, 200, 201);
        _server.Connections.Should().Be(3);
    }

    [Fact]
    public async Task A_kept_alive_connection_closed_before_answering_is_sent_on_a_new_one_once()
    {
        _server.Answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "<close>", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        using var loop = Loop(_server.EndPoint);

        var outcomes = await SendInTurn(loop, 2);

        outcomes.Select(o => o.Status).Should().Equal(200, 200);
        _server.Requests.Should().HaveCount(3, "the second request went twice");
    }

    [Fact]
    public async Task A_fresh_connection_closed_before_answering_a_cut_response_and_something_not_http_are_resets()
    {
        _server.Answer("<close>", "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort<close>", "SSH-2.0-OpenSSH_9.2\r\n\r\n");
        using var loop = Loop(_server.EndPoint);

        var outcomes = await SendInTurn(loop, 3);

        outcomes.Select(o => o.Failure).Should().Equal("reset", "reset", "reset");
        _server.Requests.Should().HaveCount(3, "nothing was sent twice");
    }

    [Fact]
    public async Task A_refused_connection_and_a_silent_server_fail_as_refused_and_timeout()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var nobody = (IPEndPoint)closed.LocalEndpoint;
        closed.Stop();
        using (var refused = Loop(nobody))
        {
            (await SendInTurn(refused, 1))[0].Failure.Should().Be("refused");
        }

        _server.Answer("<wait>");
        using var loop = Loop(_server.EndPoint, timeoutSeconds: 0.3);
        var started = Stopwatch.GetTimestamp();

        var outcome = (await SendInTurn(loop, 1))[0];

        outcome.Failure.Should().Be("timeout");
        Stopwatch.GetElapsedTime(started).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.3));
    }

    [Fact]
    public async Task Requests_wait_in_order_for_one_of_the_allowed_connections()
    {
        _server.Answer(Enumerable.Repeat("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 40).ToArray());
        using var loop = Loop(_server.EndPoint, connections: 2);
        var exchanges = Enumerable.Range(0, 40).Select(_ => new Recording(Get)).ToList();

        exchanges.ForEach(loop.Submit);
        var outcomes = await Task.WhenAll(exchanges.Select(e => e.Outcome)).WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);

        outcomes.Should().OnlyContain(o => o.Status == 200);
        _server.Connections.Should().BeLessThanOrEqualTo(2);
    }

    [Fact]
    public async Task A_schedule_is_followed_at_its_due_times_on_the_loops_thread()
    {
        _server.Answer(Enumerable.Repeat("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 5).ToArray());
        using var loop = Loop(_server.EndPoint);
        long start = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 10);
        var schedule = new FixedSchedule(Enumerable.Range(0, 5).Select(i => start + (i * Stopwatch.Frequency / 20)).ToArray());

        loop.Follow(schedule);
        var outcomes = await Task.WhenAll(schedule.Exchanges.Select(e => e.Outcome)).WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);

        outcomes.Select(o => o.Status).Should().Equal(200, 200, 200, 200, 200);
        schedule.TakenAt.Zip(schedule.Due).Should().OnlyContain(p => p.First >= p.Second, "nothing is sent before it is due");
        _server.Connections.Should().Be(1, "spaced 50 ms apart, each finds the connection the one before used");
    }

    [Fact]
    public async Task Abort_fails_what_is_in_flight_and_disposing_closes_every_descriptor()
    {
        _server.Answer("<wait>");
        int epolls = Descriptors("anon_inode:[eventpoll]"), eventFds = Descriptors("anon_inode:[eventfd]");
        var loop = Loop(_server.EndPoint);
        var exchange = new Recording(Get);
        loop.Submit(exchange);
        await WaitUntil(() => _server.Requests.Count == 1);
        Descriptors("anon_inode:[eventpoll]").Should().Be(epolls + 1);

        loop.Abort();
        var outcome = await exchange.Outcome.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        var late = new Recording(Get);
        loop.Submit(late);
        var lateOutcome = await late.Outcome.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        loop.Dispose();
        await WaitUntil(() => _server.Closed == 1);

        outcome.Failure.Should().Be("aborted");
        lateOutcome.Failure.Should().Be("aborted");
        _server.Closed.Should().Be(1, "the aborted request's connection was closed");
        Descriptors("anon_inode:[eventpoll]").Should().Be(epolls, "the loop's epoll instance is closed");
        Descriptors("anon_inode:[eventfd]").Should().Be(eventFds, "and its wake-up eventfd");
    }

    // This process's descriptors of one kind (other test classes open sockets and files, but no epoll of their own).
    private static int Descriptors(string kind) =>
        Directory.GetFiles("/proc/self/fd").Count(fd =>
        {
            try
            {
                return new FileInfo(fd).LinkTarget == kind;
            }
            catch (IOException)
            {
                return false;   // closed while we looked
            }
        });

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (int i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    internal sealed record Outcome(int Status, string? Failure, long WrittenAt, long EndedAt);

    private sealed class Recording(byte[] request, bool closeConnection = false) : Http1Exchange(request, isHead: false, closeConnection)
    {
        private readonly TaskCompletionSource<Outcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<Outcome> Outcome => _outcome.Task;

        public override void Answered(int status, long writtenAt, long endedAt, bool checkFailed) => _outcome.TrySetResult(new(status, null, writtenAt, endedAt));

        public override void Failed(string kind, long writtenAt, long endedAt) => _outcome.TrySetResult(new(0, kind, writtenAt, endedAt));
    }

    private sealed class FixedSchedule(long[] due) : IHttp1Schedule
    {
        private int _next;

        public long[] Due { get; } = due;

        public List<long> TakenAt { get; } = [];

        public List<Recording> Exchanges { get; } = due.Select(_ => new Recording(Get)).ToList();

        public long NextDueAt => _next < Due.Length ? Due[_next] : long.MaxValue;

        public Http1Exchange? TakeDue(long now)
        {
            if (_next >= Due.Length || Due[_next] > now)
            {
                return null;
            }

            TakenAt.Add(Stopwatch.GetTimestamp());
            return Exchanges[_next++];
        }

        public void Abandon()
        {
        }
    }
}
