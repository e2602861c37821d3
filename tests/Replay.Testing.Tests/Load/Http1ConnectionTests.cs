using System.Net;
using System.Text;
using Replay.Testing.Load.Http1;

namespace Replay.Testing.Tests.Load;

/// <summary>The lean HTTP/1.1 connection (async sockets) against a loopback server that answers each request with canned bytes.</summary>
public sealed class Http1ConnectionTests : IAsyncDisposable
{
    private readonly CannedHttpServer _server = new();

    private EndPoint EndPoint => _server.EndPoint;

    // A parsing mistake must fail the test, not hang it.
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(10));

    private CancellationToken Timeout => _timeout.Token;

    private static readonly byte[] Get = Encoding.ASCII.GetBytes("GET /a HTTP/1.1\r\nHost: x\r\n\r\n");

    private void Answer(params string[] answers) => _server.Answer(answers);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task Content_length_and_chunked_bodies_are_read_whole_and_the_connection_is_kept_alive()
    {
        string big = new('x', 100_000);
        Answer(
            $"HTTP/1.1 200 OK\r\nContent-Length: {big.Length}\r\n\r\n{big}",
            "HTTP/1.1 404 Not Found\r\ntransfer-encoding: chunked\r\n\r\n4;ext=1\r\nabcd\r\n3\r\nefg\r\n0\r\nX-Trailer: 1\r\n\r\n",
            "HTTP/1.1 204 No Content\r\n\r\n",
            "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n");
        using var connection = await Http1Connection.ConnectAsync(EndPoint, Timeout);

        var first = await connection.SendAsync(Get, isHead: false, Timeout);
        var second = await connection.SendAsync(Get, isHead: false, Timeout);
        var third = await connection.SendAsync(Get, isHead: false, Timeout);
        var fourth = await connection.SendAsync(Get, isHead: false, Timeout);

        (first.Status, first.Reusable).Should().Be((200, true));
        (second.Status, second.Reusable).Should().Be((404, true));
        (third.Status, third.Reusable).Should().Be((204, true));
        (fourth.Status, fourth.Reusable).Should().Be((304, true), "a 304 has no body whatever its Content-Length says");
        _server.Requests.Should().HaveCount(4);
        _server.Connections.Should().Be(1, "all four went over one connection");
    }

    [Fact]
    public async Task Connection_close_http_1_0_and_bodies_until_close_end_the_connection()
    {
        Answer("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
        using (var connection = await Http1Connection.ConnectAsync(EndPoint, Timeout))
        {
            (await connection.SendAsync(Get, false, Timeout)).Reusable.Should().BeFalse();
        }

        Answer("HTTP/1.0 200 OK\r\n\r\nbody until the end<close>");
        using (var connection = await Http1Connection.ConnectAsync(EndPoint, Timeout))
        {
            var response = await connection.SendAsync(Get, false, Timeout);
            (response.Status, response.Reusable).Should().Be((200, false));
        }
    }

    [Fact]
    public async Task A_connection_closed_before_any_answer_is_told_apart_from_a_cut_response()
    {
        Answer("<close>");
        using (var connection = await Http1Connection.ConnectAsync(EndPoint, Timeout))
        {
            var act = () => connection.SendAsync(Get, false, Timeout);
            await act.Should().ThrowAsync<Http1ConnectionClosedException>();
        }

        Answer("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort<close>");
        using (var connection = await Http1Connection.ConnectAsync(EndPoint, Timeout))
        {
            var act = () => connection.SendAsync(Get, false, Timeout);
            (await act.Should().ThrowAsync<IOException>()).Which.Should().NotBeOfType<Http1ConnectionClosedException>();
        }
    }

    [Fact]
    public async Task Something_that_is_not_http_is_refused()
    {
        Answer("SSH-2.0-OpenSSH_9.2\r\n\r\n");
        using var connection = await Http1Connection.ConnectAsync(EndPoint, Timeout);

        var act = () => connection.SendAsync(Get, false, Timeout);

        await act.Should().ThrowAsync<IOException>().WithMessage("*HTTP/1.x status line*");
    }
}
