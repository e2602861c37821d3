using System.Buffers;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Replay.Testing.Load.Http1;

/// <summary>
/// One keep-alive HTTP/1.1 connection that sends pre-built requests and reads whole responses (Content-Length,
/// chunked, or until close), one at a time. The engine's lean path for plain-http HTTP/1.1: no per-request headers
/// object, URI, or message allocation.
/// </summary>
internal sealed class Http1Connection : IDisposable
{
    private const int MaxHeaderBytes = 64 * 1024;
    private readonly Socket _socket;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int _start, _end;   // unread bytes: _buffer[_start.._end)

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

    /// <summary>Sends a request and reads its response.</summary>
    /// <returns>The status code, whether the connection may carry another request, and when the request was written.</returns>
    public async Task<(int Status, bool Reusable, long WrittenAt)> SendAsync(ReadOnlyMemory<byte> request, bool isHead, CancellationToken cancellationToken)
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

            var (status, headerEnd, contentLength, chunked, close) = await ReadHeadAsync(cancellationToken).ConfigureAwait(false);
            _start = headerEnd;
            bool reusable = !close;
            if (isHead || status is < 200 or 204 or 304)
            {
                // no body
            }
            else if (chunked)
            {
                await SkipChunkedAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (contentLength >= 0)
            {
                await SkipAsync(contentLength, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                while (await FillAsync(cancellationToken).ConfigureAwait(false) > 0)
                {
                    _start = _end;
                }

                reusable = false;
            }

            Used = true;
            return (status, reusable && _start == _end, writtenAt);
        }
        catch (ObjectDisposedException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    private async Task<(int Status, int HeaderEnd, long ContentLength, bool Chunked, bool Close)> ReadHeadAsync(CancellationToken cancellationToken)
    {
        _start = _end = 0;
        int end;
        while ((end = _buffer.AsSpan(0, _end).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (_end >= MaxHeaderBytes)
            {
                throw new IOException($"The response's headers are longer than {MaxHeaderBytes} bytes.");
            }

            int read;
            try
            {
                read = await FillAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException e) when (_end == 0 && e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
            {
                throw new Http1ConnectionClosedException($"The connection was reset before the response began ({e.SocketErrorCode}).");
            }

            if (read == 0)
            {
                throw _end == 0
                    ? new Http1ConnectionClosedException("The connection closed before the response began.")
                    : new IOException("The connection closed before the response's headers ended.");
            }
        }

        var head = _buffer.AsSpan(0, end);
        int lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = lineEnd < 0 ? head : head[..lineEnd];
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || statusLine[8] != (byte)' ' ||
            !System.Buffers.Text.Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out int used) || used != 3)
        {
            throw new IOException("The response does not start with an HTTP/1.x status line.");
        }

        bool close = statusLine[7] == (byte)'0';   // HTTP/1.0 closes unless it says keep-alive
        long contentLength = -1;
        bool chunked = false;
        var rest = lineEnd < 0 ? default : head[(lineEnd + 2)..];
        while (!rest.IsEmpty)
        {
            int next = rest.IndexOf("\r\n"u8);
            var line = next < 0 ? rest : rest[..next];
            rest = next < 0 ? default : rest[(next + 2)..];
            int colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (name.Length == 14 && Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                if (!System.Buffers.Text.Utf8Parser.TryParse(value, out contentLength, out int length) || length != value.Length)
                {
                    throw new IOException("The response's Content-Length is not a number.");
                }
            }
            else if (name.Length == 17 && Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                chunked = value.Length >= 7 && Ascii.EqualsIgnoreCase(value[^7..], "chunked"u8);
            }
            else if (name.Length == 10 && Ascii.EqualsIgnoreCase(name, "Connection"u8))
            {
                close = Ascii.EqualsIgnoreCase(value, "close"u8) || (close && !Ascii.EqualsIgnoreCase(value, "keep-alive"u8));
            }
        }

        return (status, end + 4, contentLength, chunked, close);
    }

    private async Task SkipChunkedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            int semicolon = Array.IndexOf(line, (byte)';');
            var size = (semicolon >= 0 ? line.AsSpan(0, semicolon) : line).Trim((byte)' ');
            if (!System.Buffers.Text.Utf8Parser.TryParse(size, out long length, out int used, 'x') || used != size.Length)
            {
                throw new IOException("A chunk of the response has no valid size.");
            }

            if (length == 0)
            {
                while ((await ReadLineAsync(cancellationToken).ConfigureAwait(false)).Length > 0)
                {
                    // trailers
                }

                return;
            }

            await SkipAsync(length + 2, cancellationToken).ConfigureAwait(false);   // the data and its CRLF
        }
    }

    private async Task<byte[]> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            int newline = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
            if (newline >= 0)
            {
                byte[] line = _buffer.AsSpan(_start, newline).ToArray();
                _start += newline + 2;
                return line;
            }

            if (await FillAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new IOException("The connection closed inside a chunked response.");
            }
        }
    }

    private async Task SkipAsync(long count, CancellationToken cancellationToken)
    {
        while (true)
        {
            int available = _end - _start;
            if (available >= count)
            {
                _start += (int)count;
                return;
            }

            count -= available;
            _start = _end;
            if (await FillAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new IOException("The connection closed before the response's body ended.");
            }
        }
    }

    // Reads more bytes after the unread ones, compacting or growing the buffer; 0 at the end of the stream.
    private async Task<int> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        int read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        _end += read;
        return read;
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
