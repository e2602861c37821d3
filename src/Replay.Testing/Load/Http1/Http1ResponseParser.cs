using System.Buffers.Text;
using System.Text;

namespace Replay.Testing.Load.Http1;

/// <summary>
/// Reads one HTTP/1.1 response at a time from bytes as they arrive, in any slices: the status line and headers, then
/// a body by Content-Length, chunked (extensions and trailers included) or until the connection closes, none for
/// HEAD, 1xx, 204 and 304. Keeps nothing of the body unless asked to (for a response check, the Content-Type header
/// and the body's first bytes). Both lean transports feed it: the pooled async sockets and the Linux event loop.
/// </summary>
internal sealed class Http1ResponseParser
{
    private const int MaxHeaderBytes = 64 * 1024;
    private const int MaxLineBytes = 4 * 1024;

    private byte[] _head = new byte[1024];
    private int _headLength;
    private State _state;
    private long _remaining;
    private int _lineLength;    // bytes of the chunk-size or trailer line read so far
    private bool _isHead;
    private bool _keepContentType, _keepBody;
    private byte[]? _contentType, _body;    // grown once per connection, reused by each response
    private int _contentTypeLength, _bodyLength, _bodyLimit;

    private enum State { Head, Fixed, ChunkSize, ChunkData, Trailer, UntilClose, Done }

    /// <summary>The status code, once the head is read.</summary>
    public int Status { get; private set; }

    /// <summary>Whether the connection may carry another request after this response.</summary>
    public bool KeepAlive { get; private set; }

    /// <summary>Whether any byte of the response has arrived.</summary>
    public bool Started { get; private set; }

    /// <summary>The Content-Type header's value, when asked to keep it; empty when the response had none.</summary>
    public ReadOnlySpan<byte> ContentType => _contentType.AsSpan(0, _contentTypeLength);

    /// <summary>The body's first bytes (decoded from chunks), when asked to keep them.</summary>
    public ReadOnlySpan<byte> Body => _body.AsSpan(0, _bodyLength);

    /// <summary>Whether the body was longer than the bytes kept.</summary>
    public bool BodyTruncated { get; private set; }

    /// <summary>Gets ready for the response to the next request.</summary>
    /// <param name="isHead">The request was a HEAD: no body follows whatever the headers say.</param>
    /// <param name="keepContentType">Keep the Content-Type header's value (see <see cref="ContentType"/>).</param>
    /// <param name="keepBodyBytes">Keep up to this many of the body's first bytes (see <see cref="Body"/>); 0 for none.</param>
    public void Reset(bool isHead, bool keepContentType = false, int keepBodyBytes = 0)
    {
        _isHead = isHead;
        _keepContentType = keepContentType;
        _keepBody = keepBodyBytes > 0;
        _bodyLimit = keepBodyBytes;
        _contentTypeLength = 0;
        _bodyLength = 0;
        BodyTruncated = false;
        _state = State.Head;
        _headLength = 0;
        _remaining = 0;
        _lineLength = 0;
        Status = 0;
        KeepAlive = false;
        Started = false;
    }

    /// <summary>Reads the bytes that arrived; true once the response is complete.</summary>
    /// <exception cref="IOException">The bytes are not an HTTP/1.x response.</exception>
    public bool Feed(ReadOnlySpan<byte> data)
    {
        Started |= !data.IsEmpty;
        while (!data.IsEmpty || _state == State.Done)
        {
            switch (_state)
            {
                case State.Head:
                    data = ReadHead(data);
                    break;
                case State.Fixed:
                case State.ChunkData:
                    int take = (int)Math.Min(_remaining, data.Length);
                    if (_keepBody)
                    {
                        // A chunk's _remaining counts its closing CRLF, which is framing, not body.
                        Keep(data[..(_state == State.Fixed ? take : (int)Math.Clamp(_remaining - 2, 0, take))]);
                    }

                    _remaining -= take;
                    data = data[take..];
                    if (_remaining == 0)
                    {
                        _state = _state == State.Fixed ? State.Done : State.ChunkSize;
                    }

                    break;
                case State.ChunkSize:
                case State.Trailer:
                    data = ReadLine(data);
                    break;
                case State.UntilClose:
                    if (_keepBody)
                    {
                        Keep(data);
                    }

                    return false;
                case State.Done:
                    // A server that sends more than the response framed has broken the framing: never reuse it.
                    KeepAlive &= data.IsEmpty;
                    return true;
            }
        }

        return false;
    }

    /// <summary>The server closed the connection; true when that ends the response (a body read until close).</summary>
    /// <exception cref="Http1ConnectionClosedException">Nothing of the response had arrived.</exception>
    /// <exception cref="IOException">The response was cut short.</exception>
    public bool Closed()
    {
        KeepAlive = false;
        return _state switch
        {
            State.Done or State.UntilClose => true,
            State.Head when !Started => throw new Http1ConnectionClosedException("The connection closed before the response began."),
            State.Head => throw new IOException("The connection closed before the response's headers ended."),
            State.ChunkSize or State.ChunkData or State.Trailer => throw new IOException("The connection closed inside a chunked response."),
            _ => throw new IOException("The connection closed before the response's body ended."),
        };
    }

    private ReadOnlySpan<byte> ReadHead(ReadOnlySpan<byte> data)
    {
        int searchFrom = Math.Max(0, _headLength - 3);
        int room = Math.Min(data.Length, MaxHeaderBytes - _headLength);
        if (_head.Length < _headLength + room)
        {
            Array.Resize(ref _head, Math.Min(MaxHeaderBytes, Math.Max(_head.Length * 2, _headLength + room)));
        }

        data[..room].CopyTo(_head.AsSpan(_headLength));
        _headLength += room;
        int end = _head.AsSpan(searchFrom, _headLength - searchFrom).IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            if (_headLength >= MaxHeaderBytes)
            {
                throw new IOException($"The response's headers are longer than {MaxHeaderBytes} bytes.");
            }

            return default;
        }

        int headEnd = searchFrom + end + 4;
        int consumed = room - (_headLength - headEnd);
        var (contentLength, chunked) = ParseHead(_head.AsSpan(0, headEnd - 4));
        if (_isHead || Status is < 200 or 204 or 304)
        {
            _state = State.Done;
        }
        else if (chunked)
        {
            _state = State.ChunkSize;
        }
        else if (contentLength >= 0)
        {
            _remaining = contentLength;
            _state = contentLength == 0 ? State.Done : State.Fixed;
        }
        else
        {
            _state = State.UntilClose;
            KeepAlive = false;
        }

        return data[consumed..];
    }

    private (long ContentLength, bool Chunked) ParseHead(ReadOnlySpan<byte> head)
    {
        int lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = lineEnd < 0 ? head : head[..lineEnd];
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || statusLine[8] != (byte)' ' ||
            !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out int used) || used != 3)
        {
            throw new IOException("The response does not start with an HTTP/1.x status line.");
        }

        Status = status;
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
                if (!Utf8Parser.TryParse(value, out contentLength, out int length) || length != value.Length || contentLength < 0)
                {
                    throw new IOException("The response's Content-Length is not a number.");
                }
            }
            else if (name.Length == 17 && Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                chunked = value.Length >= 7 && Ascii.EqualsIgnoreCase(value[^7..], "chunked"u8);
            }
            else if (_keepContentType && name.Length == 12 && Ascii.EqualsIgnoreCase(name, "Content-Type"u8))
            {
                value = value[..Math.Min(value.Length, 256)];
                if (_contentType is null)
                {
                    _contentType = new byte[256];
                }

                value.CopyTo(_contentType);
                _contentTypeLength = value.Length;
            }
            else if (name.Length == 10 && Ascii.EqualsIgnoreCase(name, "Connection"u8))
            {
                close = Ascii.EqualsIgnoreCase(value, "close"u8) || (close && !Ascii.EqualsIgnoreCase(value, "keep-alive"u8));
            }
        }

        KeepAlive = !close;
        return (contentLength, chunked);
    }

    private void Keep(ReadOnlySpan<byte> data)
    {
        int room = _bodyLimit - _bodyLength;
        if (data.Length > room)
        {
            BodyTruncated = true;
            data = data[..room];
        }

        if (data.IsEmpty)
        {
            return;
        }

        if (_body is null || _body.Length < _bodyLength + data.Length)
        {
            // Grown by doubling up to the limit: most checked bodies are small, and a connection keeps its buffer.
            Array.Resize(ref _body, Math.Min(_bodyLimit, Math.Max(Math.Max(4096, (_body?.Length ?? 0) * 2), _bodyLength + data.Length)));
        }

        data.CopyTo(_body.AsSpan(_bodyLength));
        _bodyLength += data.Length;
    }

    // A chunk-size line ("1a;ext=1") or a trailer line, gathered in the head buffer, which the body no longer needs.
    private ReadOnlySpan<byte> ReadLine(ReadOnlySpan<byte> data)
    {
        int newline = data.IndexOf((byte)'\n');
        var piece = newline < 0 ? data : data[..(newline + 1)];
        if (_lineLength + piece.Length > MaxLineBytes)
        {
            throw new IOException("A chunk-size or trailer line of the response is too long.");
        }

        if (_head.Length < _lineLength + piece.Length)
        {
            Array.Resize(ref _head, MaxLineBytes);
        }

        piece.CopyTo(_head.AsSpan(_lineLength));
        _lineLength += piece.Length;
        if (newline < 0)
        {
            return default;
        }

        var line = _head.AsSpan(0, _lineLength).TrimEnd("\r\n"u8);
        _lineLength = 0;
        if (_state == State.Trailer)
        {
            if (line.IsEmpty)
            {
                _state = State.Done;
            }
        }
        else
        {
            int semicolon = line.IndexOf((byte)';');
            var size = (semicolon >= 0 ? line[..semicolon] : line).Trim((byte)' ');
            if (!Utf8Parser.TryParse(size, out long length, out int used, 'x') || used != size.Length || length < 0)
            {
                throw new IOException("A chunk of the response has no valid size.");
            }

            _remaining = length + 2;   // the data and its CRLF
            _state = length == 0 ? State.Trailer : State.ChunkData;
        }

        return data[piece.Length..];
    }
}
