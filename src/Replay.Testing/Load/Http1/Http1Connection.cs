using System.Buffers;
using System.Diagnostics;
using System.Net.Sockets;

namespace Replay.Testing.Load.Http1;

/// <summary>
/// One keep-alive HTTP/1.1 connection that sends pre-built requests and reads whole responses, one at a time, on
/// .NET's async sockets: the lean path where the Linux event loop (<see cref="Http1EventLoop"/>) is not available.
/// No per-request headers object, URI, or message allocation.
/// </summary>
internal sealed class Http1Connection : IDisposable
{
    private readonly Socket _socket;
    private readonly Http1ResponseParser _parser = new();
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);

    private Http1Connection(Socket socket) => _socket = socket;

    /// <summary>Whether a response has already come back on this connection (so it was kept alive).</summary>
    public bool Used { get; private set; }

    public static async Task<Http1Connection> ConnectAsync(System.Net.EndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            return new Http1Connection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends a request, reads its response, and judges it by the endpoint's check, if it has one.</summary>
    /// <returns>
    /// The status code, whether the connection may carry another request, when the request was written, and whether
    /// the response failed its check.
    /// </returns>
    public async Task<(int Status, bool Reusable, long WrittenAt, bool CheckFailed)> SendAsync(ReadOnlyMemory<byte> request, bool isHead,
        CancellationToken cancellationToken, ResponseCheckMatcher? check = null)
    {
        using var registration = cancellationToken.Register(static s => ((Socket)s!).Dispose(), _socket);
        try
        {
            long writtenAt = Stopwatch.GetTimestamp();
            while (!request.IsEmpty)
            {
                int sent = await _socket.SendAsync(request, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                request = request[sent..];
            }

            _parser.Reset(isHead, keepContentType: check is not null, keepBodyBytes: check is { ReadsBody: true } ? ResponseCheckMatcher.MaxBodyBytes : 0);
            while (true)
            {
                int read;
                try
                {
                    read = await _socket.ReceiveAsync(_buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                }
                catch (SocketException e) when (!_parser.Started && e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
                {
                    throw new Http1ConnectionClosedException($"The connection was reset before the response began ({e.SocketErrorCode}).");
                }

                if (read == 0 ? _parser.Closed() : _parser.Feed(_buffer.AsSpan(0, read)))
                {
                    break;
                }
            }

            Used = true;
            bool failed = check is not null && !check.Passes(_parser.Status, _parser.ContentType, _parser.Body, _parser.BodyTruncated);
            return (_parser.Status, _parser.KeepAlive, writtenAt, failed);
        }
        catch (ObjectDisposedException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
