using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;

namespace Replay.Testing.Load.Http1;

/// <summary>
/// The lean HTTP/1.1 transport on Linux: one thread that owns up to a given number of keep-alive connections to one
/// endpoint and drives them with epoll, sending each request as a single write and reading its response as it
/// arrives. Nothing is handed to the thread pool per request: on a small machine, the thread switches of .NET's
/// async sockets cost more than the HTTP itself (about 24 µs of CPU a request against 15 µs here, measured against
/// nginx on 2 cores). Requests wait in order for a free connection; each has a timeout from when it became due.
/// </summary>
internal sealed unsafe class Http1EventLoop : IDisposable
{
    private const ulong WakeData = ulong.MaxValue;
    private const int MaxEvents = 256;
    private static readonly long DeadlineCheckTicks = Stopwatch.Frequency / 200;   // every 5 ms

    private readonly IPEndPoint _endpoint;
    private readonly int _maxConnections;
    private readonly long _timeoutTicks;
    private readonly int _epoll, _wake;
    private readonly Thread _thread;
    private readonly ConcurrentQueue<Http1Exchange> _incoming = new();

    // Owned by the loop's thread.
    private readonly Queue<Http1Exchange> _waiting = new();
    private readonly Queue<Http1Exchange> _resend = new();
    private readonly PriorityQueue<Http1Exchange, long> _delayed = new();
    private readonly List<Connection?> _connections = [];
    private readonly Stack<int> _freeSlots = new();
    private readonly Stack<Connection> _idle = new();
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _open;
    private long _nextDeadlineCheck;

    private int _sleeping;
    private volatile bool _aborted, _stopping, _closed;
    private volatile IHttp1Schedule? _schedule;

    public Http1EventLoop(IPEndPoint endpoint, int maxConnections, TimeSpan timeout)
    {
        _endpoint = endpoint;
        _maxConnections = maxConnections;
        _timeoutTicks = (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        _epoll = LinuxSocketCalls.CreateEpoll();
        try
        {
            _wake = LinuxSocketCalls.CreateEventFd();
            LinuxSocketCalls.Watch(_epoll, _wake, LinuxSocketCalls.EPOLLIN, WakeData);
        }
        catch
        {
            LinuxSocketCalls.Close(_epoll);
            throw;
        }

        _thread = new Thread(Run) { IsBackground = true, Name = "Replay.Testing HTTP/1.1 loop" };
        _thread.Start();
    }

    /// <summary>Connections open or being opened.</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    /// <summary>Hands a request to the loop; from any thread, callbacks included.</summary>
    public void Submit(Http1Exchange exchange)
    {
        _incoming.Enqueue(exchange);
        if (Volatile.Read(ref _sleeping) == 1 && Interlocked.Exchange(ref _sleeping, 0) == 1)
        {
            Wake();
        }
    }

    /// <summary>Sends a schedule's arrivals at their due times, after (or instead of) a previous one.</summary>
    public void Follow(IHttp1Schedule schedule)
    {
        _schedule = schedule;
        Wake();
    }

    /// <summary>Makes the loop look at its schedule and queue again (after a schedule changed its mind, such as cancelled).</summary>
    public void Wake()
    {
        // Never after Dispose: the descriptor's number may belong to another file by then.
        if (!_closed)
        {
            LinuxSocketCalls.Signal(_wake);
        }
    }

    /// <summary>Fails everything in flight or waiting as <c>aborted</c>, closes the connections, and fails what comes later.</summary>
    public void Abort()
    {
        _aborted = true;
        Wake();
    }

    public void Dispose()
    {
        if (_closed)
        {
            return;
        }

        _stopping = true;
        _aborted = true;
        Wake();
        _thread.Join();
        _closed = true;
        LinuxSocketCalls.Close(_wake);
        LinuxSocketCalls.Close(_epoll);
    }

    private void Run()
    {
        byte* events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * LinuxSocketCalls.EventSize));
        try
        {
            while (!_stopping)
            {
                long timeout = (Busy ? 5 : 200) * (Stopwatch.Frequency / 1000);
                if ((_waiting.Count > 0 || _resend.Count > 0) && (_idle.Count > 0 || _open < _maxConnections))
                {
                    timeout = 0;
                }
                else
                {
                    Interlocked.Exchange(ref _sleeping, 1);
                    if (!_incoming.IsEmpty || _aborted)
                    {
                        timeout = 0;
                    }
                    else if (_schedule is { NextDueAt: var due } && due != long.MaxValue)
                    {
                        timeout = Math.Clamp(due - Stopwatch.GetTimestamp(), 0, timeout);
                    }
                }

                int count = LinuxSocketCalls.Wait(_epoll, events, MaxEvents, timeout);
                Volatile.Write(ref _sleeping, 0);
                for (int i = 0; i < count; i++)
                {
                    var (flags, data) = LinuxSocketCalls.EventAt(events, i);
                    if (data == WakeData)
                    {
                        LinuxSocketCalls.DrainSignal(_wake);
                    }
                    else if ((int)data < _connections.Count && _connections[(int)data] is { } connection)
                    {
                        OnEvent(connection, flags);
                    }
                }

                long now = Stopwatch.GetTimestamp();
                if (_schedule is { } schedule && !_aborted)
                {
                    while (schedule.TakeDue(now) is { } due)
                    {
                        due.StartedAt = now;
                        _waiting.Enqueue(due);
                    }
                }

                Admit(now);
                if (_aborted)
                {
                    AbortAll(now);
                    continue;
                }

                Dispatch(now);
                if (now >= _nextDeadlineCheck)
                {
                    _nextDeadlineCheck = now + DeadlineCheckTicks;
                    Expire(now);
                }
            }
        }
        finally
        {
            AbortAll(Stopwatch.GetTimestamp());
            NativeMemory.Free(events);
        }
    }

    private bool Busy => _open > 0 || _waiting.Count > 0 || _delayed.Count > 0;

    private void Admit(long now)
    {
        while (_incoming.TryDequeue(out var exchange))
        {
            if (_aborted)
            {
                exchange.Failed("aborted", 0, now);
            }
            else if (exchange.NotBefore > now)
            {
                _delayed.Enqueue(exchange, exchange.NotBefore);
            }
            else
            {
                exchange.StartedAt = now;
                _waiting.Enqueue(exchange);
            }
        }

        while (_delayed.TryPeek(out var due, out long at) && at <= now)
        {
            _delayed.Dequeue();
            due.StartedAt = now;
            _waiting.Enqueue(due);
        }
    }

    private void Dispatch(long now)
    {
        while (_resend.Count > 0 || _waiting.Count > 0)
        {
            var queue = _resend.Count > 0 ? _resend : _waiting;
            Connection? idle = null;
            while (_idle.TryPop(out var candidate))
            {
                if (candidate.State == ConnectionState.Idle)
                {
                    idle = candidate;
                    break;
                }
            }

            if (idle is not null)
            {
                Start(idle, queue.Dequeue());
            }
            else if (_open < _maxConnections)
            {
                Open(queue.Dequeue(), now);
            }
            else
            {
                return;
            }
        }
    }

    private void Open(Http1Exchange exchange, long now)
    {
        var (fd, error) = LinuxSocketCalls.Connect(_endpoint);
        if (fd < 0)
        {
            exchange.Failed(Kind(error), 0, now);
            return;
        }

        int slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : _connections.Count;
        var connection = new Connection(fd, slot) { State = ConnectionState.Connecting, Current = exchange };
        if (slot == _connections.Count)
        {
            _connections.Add(connection);
        }
        else
        {
            _connections[slot] = connection;
        }

        Interlocked.Increment(ref _open);
        Watch(connection, LinuxSocketCalls.EPOLLOUT);
    }

    private void Start(Connection connection, Http1Exchange exchange)
    {
        connection.Current = exchange;
        connection.Sent = 0;
        connection.Parser.Reset(exchange.IsHead, keepContentType: exchange.Check is not null,
            keepBodyBytes: exchange.Check is { ReadsBody: true } ? ResponseCheckMatcher.MaxBodyBytes : 0);
        connection.WrittenAt = Stopwatch.GetTimestamp();
        Send(connection);
    }

    private void Send(Connection connection)
    {
        var request = connection.Current!.Request;
        while (true)
        {
            int sent = LinuxSocketCalls.Send(connection.Fd, request.AsSpan(connection.Sent));
            if (sent >= 0)
            {
                connection.Sent += sent;
                if (connection.Sent == request.Length)
                {
                    connection.State = ConnectionState.Receiving;
                    Watch(connection, LinuxSocketCalls.EPOLLIN | LinuxSocketCalls.EPOLLRDHUP);
                    return;
                }
            }
            else if (sent == -LinuxSocketCalls.EAGAIN)
            {
                connection.State = ConnectionState.Sending;
                Watch(connection, LinuxSocketCalls.EPOLLIN | LinuxSocketCalls.EPOLLOUT | LinuxSocketCalls.EPOLLRDHUP);
                return;
            }
            else if (sent != -LinuxSocketCalls.EINTR)
            {
                Broken(connection, -sent, started: false);
                return;
            }
        }
    }

    private void OnEvent(Connection connection, uint flags)
    {
        switch (connection.State)
        {
            case ConnectionState.Connecting:
                int error = LinuxSocketCalls.ConnectError(connection.Fd);
                if (error != 0)
                {
                    var exchange = connection.Current!;
                    Close(connection);
                    exchange.Failed(Kind(error), 0, Stopwatch.GetTimestamp());
                }
                else
                {
                    Start(connection, connection.Current!);
                }

                break;
            case ConnectionState.Sending when (flags & LinuxSocketCalls.EPOLLOUT) != 0 && (flags & LinuxSocketCalls.EPOLLIN) == 0:
                Send(connection);
                break;
            case ConnectionState.Sending:
            case ConnectionState.Receiving:
                Receive(connection);
                break;
            case ConnectionState.Idle:
                Close(connection);   // the server closed a kept-alive connection, or sent what nobody asked for
                break;
        }
    }

    private void Receive(Connection connection)
    {
        var parser = connection.Parser;
        while (true)
        {
            int read = LinuxSocketCalls.Receive(connection.Fd, _buffer);
            bool done;
            try
            {
                if (read > 0)
                {
                    done = parser.Feed(_buffer.AsSpan(0, read));
                }
                else if (read == 0)
                {
                    done = parser.Closed();
                }
                else if (read == -LinuxSocketCalls.EAGAIN)
                {
                    return;
                }
                else if (read == -LinuxSocketCalls.EINTR)
                {
                    continue;
                }
                else
                {
                    Broken(connection, -read, parser.Started);
                    return;
                }
            }
            catch (Http1ConnectionClosedException)
            {
                Broken(connection, LinuxSocketCalls.ECONNRESET, started: false);
                return;
            }
            catch (IOException)
            {
                Fail(connection, "reset");
                return;
            }

            if (done)
            {
                Complete(connection);
                return;
            }

            if (read < _buffer.Length && read > 0)
            {
                return;   // level-triggered: the rest, if any, wakes the loop again
            }
        }
    }

    private void Complete(Connection connection)
    {
        var exchange = connection.Current!;
        long ended = Stopwatch.GetTimestamp();
        connection.Current = null;
        connection.Used = true;
        if (connection.Parser.KeepAlive && !exchange.CloseConnection && !_aborted)
        {
            connection.State = ConnectionState.Idle;
            _idle.Push(connection);
        }
        else
        {
            Close(connection);
        }

        var parser = connection.Parser;
        bool checkFailed = exchange.Check is { } check && !check.Passes(parser.Status, parser.ContentType, parser.Body, parser.BodyTruncated);
        exchange.Answered(parser.Status, connection.WrittenAt, ended, checkFailed);
    }

    // The connection failed. A kept-alive one the server had closed before answering anything gets its request
    // sent once more on a new connection: that is the race of keep-alive, not the target failing.
    private void Broken(Connection connection, int errno, bool started)
    {
        var exchange = connection.Current!;
        if (!started && connection.Used && !exchange.Resent && errno is LinuxSocketCalls.ECONNRESET or LinuxSocketCalls.EPIPE)
        {
            exchange.Resent = true;
            connection.Current = null;
            Close(connection);
            _resend.Enqueue(exchange);
            return;
        }

        Fail(connection, Kind(errno));
    }

    private void Fail(Connection connection, string kind)
    {
        var exchange = connection.Current!;
        connection.Current = null;
        Close(connection);
        exchange.Failed(kind, connection.WrittenAt, Stopwatch.GetTimestamp());
    }

    private void Expire(long now)
    {
        while (_waiting.TryPeek(out var oldest) && now - oldest.StartedAt >= _timeoutTicks)
        {
            _waiting.Dequeue().Failed("timeout", 0, now);
        }

        // By index: closing a connection clears its slot.
        for (int i = 0; i < _connections.Count; i++)
        {
            if (_connections[i] is { Current: { } exchange } connection && now - exchange.StartedAt >= _timeoutTicks)
            {
                if (connection.State == ConnectionState.Connecting)
                {
                    connection.Current = null;
                    Close(connection);
                    exchange.Failed("timeout", 0, now);
                }
                else
                {
                    Fail(connection, "timeout");
                }
            }
        }
    }

    private void AbortAll(long now)
    {
        _schedule?.Abandon();
        _schedule = null;
        while (_incoming.TryDequeue(out var exchange))
        {
            exchange.Failed("aborted", 0, now);
        }

        foreach (var queue in new[] { _resend, _waiting })
        {
            while (queue.TryDequeue(out var exchange))
            {
                exchange.Failed("aborted", 0, now);
            }
        }

        while (_delayed.TryDequeue(out var exchange, out _))
        {
            exchange.Failed("aborted", 0, now);
        }

        for (int i = 0; i < _connections.Count; i++)
        {
            if (_connections[i] is not { } connection)
            {
                continue;
            }

            var exchange = connection.Current;
            connection.Current = null;
            Close(connection);
            exchange?.Failed("aborted", connection.WrittenAt, now);
        }

        _idle.Clear();
    }

    private void Watch(Connection connection, uint events)
    {
        if (connection.Watched == events)
        {
            return;
        }

        if (connection.Watched == 0)
        {
            LinuxSocketCalls.Watch(_epoll, connection.Fd, events, (ulong)connection.Slot);
        }
        else
        {
            LinuxSocketCalls.Rewatch(_epoll, connection.Fd, events, (ulong)connection.Slot);
        }

        connection.Watched = events;
    }

    private void Close(Connection connection)
    {
        if (connection.State == ConnectionState.Closed)
        {
            return;
        }

        connection.State = ConnectionState.Closed;
        LinuxSocketCalls.Close(connection.Fd);   // closing removes it from the epoll set
        _connections[connection.Slot] = null;
        _freeSlots.Push(connection.Slot);
        Interlocked.Decrement(ref _open);
    }

    private static string Kind(int errno) => errno switch
    {
        LinuxSocketCalls.ECONNREFUSED => "refused",
        LinuxSocketCalls.ECONNRESET or LinuxSocketCalls.EPIPE => "reset",
        LinuxSocketCalls.ETIMEDOUT => "timeout",
        _ => "other",
    };

    private enum ConnectionState { Connecting, Sending, Receiving, Idle, Closed }

    private sealed class Connection(int fd, int slot)
    {
        public int Fd { get; } = fd;

        public int Slot { get; } = slot;

        public ConnectionState State { get; set; }

        public Http1Exchange? Current { get; set; }

        public int Sent { get; set; }

        public long WrittenAt { get; set; }

        public bool Used { get; set; }

        public uint Watched { get; set; }

        public Http1ResponseParser Parser { get; } = new();
    }
}
