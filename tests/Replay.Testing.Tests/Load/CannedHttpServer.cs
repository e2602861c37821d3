using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Replay.Testing.Tests.Load;

/// <summary>
/// A loopback server that answers each request, in order, with canned bytes: an answer ending in "&lt;close&gt;"
/// closes the connection after its bytes, one starting with "&lt;wait&gt;" never answers (the connection stays open).
/// </summary>
internal sealed class CannedHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Queue<string> _answers = new();
    private readonly Task _server;
    private readonly List<Socket> _sockets = [];
    private int _connections, _closed;

    public CannedHttpServer()
    {
        _listener.Start();
        _server = Task.Run(ServeAsync);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    public List<string> Requests { get; } = [];

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Connections the client closed (or that the server closed after a "&lt;close&gt;" answer).</summary>
    public int Closed => Volatile.Read(ref _closed);

    public void Answer(params string[] answers)
    {
        lock (_answers)
        {
            foreach (string answer in answers)
            {
                _answers.Enqueue(answer);
            }
        }
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync();
            }
            catch (Exception)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            lock (_sockets)
            {
                _sockets.Add(socket);
            }

            _ = Task.Run(() => ServeConnectionAsync(socket));
        }
    }

    private async Task ServeConnectionAsync(Socket socket)
    {
        try
        {
            using (socket)
            {
                var buffer = new byte[8192];
                while (true)
                {
                    int read = await socket.ReceiveAsync(buffer, SocketFlags.None);
                    if (read == 0)
                    {
                        return;
                    }

                    string answer;
                    lock (_answers)
                    {
                        Requests.Add(Encoding.ASCII.GetString(buffer, 0, read));
                        answer = _answers.Count > 0 ? _answers.Dequeue() : "<wait>";
                    }

                    if (answer.StartsWith("<wait>", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    bool close = answer.EndsWith("<close>", StringComparison.Ordinal);
                    answer = close ? answer[..^"<close>".Length] : answer;
                    if (answer.Length > 0)
                    {
                        await socket.SendAsync(Encoding.ASCII.GetBytes(answer), SocketFlags.None);
                    }

                    if (close)
                    {
                        return;
                    }
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // the test ended, or the client went away
        }
        finally
        {
            Interlocked.Increment(ref _closed);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        lock (_sockets)
        {
            _sockets.ForEach(s => s.Dispose());
        }

        await _server;
    }
}
