using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Replay.Testing.Load.Http1;

/// <summary>
/// The libc calls of the event loop: non-blocking TCP sockets, epoll and an eventfd, on Linux x64 and arm64 (whose
/// <c>epoll_event</c> layouts the loop knows). Raw descriptors, so .NET's own socket engine never sees them and never
/// hands their completions to the thread pool.
/// </summary>
internal static unsafe class LinuxSocketCalls
{
    public const int ENOSYS = 38, EAGAIN = 11, EINTR = 4, EINPROGRESS = 115, ECONNREFUSED = 111, ECONNRESET = 104, EPIPE = 32, ETIMEDOUT = 110,
        EHOSTUNREACH = 113, ENETUNREACH = 101;

    public const uint EPOLLIN = 0x001, EPOLLOUT = 0x004, EPOLLERR = 0x008, EPOLLHUP = 0x010, EPOLLRDHUP = 0x2000;
    private const int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3;
    private const int SOCK_STREAM = 1, SOCK_NONBLOCK = 0x800, SOCK_CLOEXEC = 0x80000, IPPROTO_TCP = 6, TCP_NODELAY = 1;
    private const int SOL_SOCKET = 1, SO_ERROR = 4, MSG_NOSIGNAL = 0x4000, EFD_NONBLOCK = 0x800, EFD_CLOEXEC = 0x80000;

    /// <summary>Whether the loop can run here.</summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux() &&
        RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64 &&
        Environment.GetEnvironmentVariable("REPLAY_EVENT_LOOP") != "0";

    /// <summary>The size of one <c>epoll_event</c>: packed on x64, padded on arm64.</summary>
    public static int EventSize { get; } = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    private static int DataOffset => EventSize == 12 ? 4 : 8;

    public static int Errno => Marshal.GetLastPInvokeError();

    public static int CreateEpoll() => Check(epoll_create1(SOCK_CLOEXEC), "epoll_create1");

    public static int CreateEventFd() => Check(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC), "eventfd");

    public static void Watch(int epoll, int fd, uint events, ulong data) => Control(epoll, EPOLL_CTL_ADD, fd, events, data);

    public static void Rewatch(int epoll, int fd, uint events, ulong data) => Control(epoll, EPOLL_CTL_MOD, fd, events, data);

    public static void Unwatch(int epoll, int fd) => Control(epoll, EPOLL_CTL_DEL, fd, 0, 0);

    private static bool _noPwait2;

    /// <summary>Waits for events at most <paramref name="timeout"/> Stopwatch ticks: to the microsecond where the kernel has epoll_pwait2 (5.11+).</summary>
    public static int Wait(int epoll, byte* events, int capacity, long timeout)
    {
        if (!_noPwait2)
        {
            long nanoseconds = (long)(timeout * (1_000_000_000.0 / System.Diagnostics.Stopwatch.Frequency));
            var span = new Timespec { Seconds = (nint)(nanoseconds / 1_000_000_000), Nanoseconds = (nint)(nanoseconds % 1_000_000_000) };
            try
            {
                int count = epoll_pwait2(epoll, events, capacity, &span, null);
                if (count >= 0 || Errno == EINTR)
                {
                    return Math.Max(count, 0);
                }
            }
            catch (EntryPointNotFoundException)
            {
                // a C library older than epoll_pwait2 (glibc 2.35)
            }

            // ENOSYS on a kernel older than 5.11, or a sandbox that forbids the call: epoll_wait from now on.
            _noPwait2 = true;
        }

        // Whole milliseconds, rounded up: an arrival is never sent early.
        long milliseconds = (timeout + (System.Diagnostics.Stopwatch.Frequency / 1000) - 1) / (System.Diagnostics.Stopwatch.Frequency / 1000);
        return Math.Max(epoll_wait(epoll, events, capacity, (int)Math.Min(milliseconds, int.MaxValue)), 0);
    }

    public static (uint Events, ulong Data) EventAt(byte* events, int index)
    {
        byte* e = events + (index * EventSize);
        return (*(uint*)e, *(ulong*)(e + DataOffset));
    }

    public static void Signal(int eventFd)
    {
        ulong one = 1;
        _ = write(eventFd, &one, 8);
    }

    public static void DrainSignal(int eventFd)
    {
        ulong value;
        _ = read(eventFd, &value, 8);
    }

    /// <summary>Starts a non-blocking connect; returns the descriptor, connected or connecting (watch for writable).</summary>
    /// <returns>The descriptor and 0, or -1 and the errno of a connect that failed at once.</returns>
    public static (int Fd, int Error) Connect(IPEndPoint endpoint)
    {
        bool v6 = endpoint.AddressFamily == AddressFamily.InterNetworkV6;
        int fd = socket(v6 ? 10 : 2, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            return (-1, Errno);
        }

        int one = 1;
        _ = setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(int));
        byte* address = stackalloc byte[28];
        new Span<byte>(address, 28).Clear();
        int length;
        ushort port = (ushort)IPAddress.HostToNetworkOrder((short)endpoint.Port);
        if (v6)
        {
            *(ushort*)address = 10;
            *(ushort*)(address + 2) = port;
            endpoint.Address.TryWriteBytes(new Span<byte>(address + 8, 16), out _);
            *(uint*)(address + 24) = (uint)endpoint.Address.ScopeId;
            length = 28;
        }
        else
        {
            *(ushort*)address = 2;
            *(ushort*)(address + 2) = port;
            endpoint.Address.TryWriteBytes(new Span<byte>(address + 4, 4), out _);
            length = 16;
        }

        if (connect(fd, address, length) == 0 || Errno == EINPROGRESS)
        {
            return (fd, 0);
        }

        int error = Errno;
        _ = close(fd);
        return (-1, error);
    }

    /// <summary>The error of a finished non-blocking connect (0 when it succeeded).</summary>
    public static int ConnectError(int fd)
    {
        int error = 0, length = sizeof(int);
        return getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 ? error : Errno;
    }

    /// <summary>Bytes sent, or minus the errno.</summary>
    public static int Send(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            nint sent = send(fd, p, data.Length, MSG_NOSIGNAL);
            return sent >= 0 ? (int)sent : -Errno;
        }
    }

    /// <summary>Bytes received (0 at the end of the stream), or minus the errno.</summary>
    public static int Receive(int fd, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            nint read = recv(fd, p, buffer.Length, 0);
            return read >= 0 ? (int)read : -Errno;
        }
    }

    public static void Close(int fd) => _ = close(fd);

    private static void Control(int epoll, int op, int fd, uint events, ulong data)
    {
        byte* e = stackalloc byte[16];
        *(uint*)e = events;
        *(ulong*)(e + DataOffset) = data;
        Check(epoll_ctl(epoll, op, fd, e), "epoll_ctl");
    }

    private static int Check(int result, string call) =>
        result >= 0 ? result : throw new IOException($"{call} failed with errno {Errno}.");

    [DllImport("libc", SetLastError = true)]
    private static extern int socket(int domain, int type, int protocol);

    [DllImport("libc", SetLastError = true)]
    private static extern int connect(int fd, byte* address, int length);

    [DllImport("libc", SetLastError = true)]
    private static extern int setsockopt(int fd, int level, int name, int* value, int length);

    [DllImport("libc", SetLastError = true)]
    private static extern int getsockopt(int fd, int level, int name, int* value, int* length);

    [DllImport("libc", SetLastError = true)]
    private static extern nint send(int fd, byte* buffer, nint length, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern nint recv(int fd, byte* buffer, nint length, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern nint read(int fd, void* buffer, nint length);

    [DllImport("libc", SetLastError = true)]
    private static extern nint write(int fd, void* buffer, nint length);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int epoll_create1(int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int epoll_ctl(int epoll, int op, int fd, byte* events);

    [DllImport("libc", SetLastError = true)]
    private static extern int epoll_wait(int epoll, byte* events, int capacity, int timeoutMs);

    [DllImport("libc", SetLastError = true)]
    private static extern int eventfd(uint initial, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int epoll_pwait2(int epoll, byte* events, int capacity, Timespec* timeout, void* signals);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }
}
