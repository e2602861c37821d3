using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Replay.Testing.IntegrationTests.Servers;

/// <summary>
/// A private nginx on a free 127.0.0.1 port, with its configuration, pid file and logs in a temporary folder,
/// answering every request with 200 and writing the access log in the combined format. Stopped and removed on
/// disposal. <c>.ci/setup</c> installs nginx.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    private readonly string _directory;

    private NginxServer(string directory, int port)
    {
        _directory = directory;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseAddress { get; }

    public string AccessLog => Path.Combine(_directory, "logs", "access.log");

    private string PidFile => Path.Combine(_directory, "nginx.pid");

    /// <summary>Starts nginx with the given TZ, which sets the offset its log timestamps carry.</summary>
    /// <param name="timeZone">The TZ nginx runs in.</param>
    /// <param name="jsonLog">Log JSON lines (time, method, uri, status, bytes, request_length, request_time) instead of combined.</param>
    public static async Task<NginxServer> StartAsync(string timeZone = "UTC", bool jsonLog = false)
    {
        string nginx = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx is not installed; run `bash .ci/setup` (it installs nginx-light).");
        string directory = Directory.CreateTempSubdirectory("replay-nginx-").FullName;
        Directory.CreateDirectory(Path.Combine(directory, "logs"));
        int port = LoopbackPort.Free();
        var server = new NginxServer(directory, port);
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), $$"""
            worker_processes 1;
            daemon on;
            pid {{server.PidFile}};
            error_log {{directory}}/logs/error.log warn;
            events { worker_connections 256; }
            http {
              log_format json escape=json '{"time":"$time_iso8601","method":"$request_method","uri":"$request_uri","status":$status,"bytes":$body_bytes_sent,"request_length":$request_length,"request_time":$request_time}';
              access_log {{server.AccessLog}} {{(jsonLog ? "json" : "combined")}};
              client_body_temp_path {{directory}}/body;
              proxy_temp_path {{directory}}/proxy;
              fastcgi_temp_path {{directory}}/fastcgi;
              uwsgi_temp_path {{directory}}/uwsgi;
              scgi_temp_path {{directory}}/scgi;
              server {
                listen 127.0.0.1:{{port}};
                location / { return 200 "ok"; }
              }
            }
            """);

        var start = new ProcessStartInfo(nginx) { ArgumentList = { "-p", directory, "-c", Path.Combine(directory, "nginx.conf") }, RedirectStandardError = true };
        start.Environment["TZ"] = timeZone;
        using var process = Process.Start(start)!;
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            Directory.Delete(directory, recursive: true);
            throw new InvalidOperationException($"nginx did not start ({process.ExitCode}): {error}");
        }

        await server.WaitUntilListeningAsync(port);
        return server;
    }

    /// <summary>Rotates the log as logrotate does: renames it to <c>access.log.1</c> and has nginx reopen its logs (USR1).</summary>
    public async Task RotateAsync(CancellationToken cancellationToken)
    {
        File.Move(AccessLog, AccessLog + ".1");
        using (var kill = Process.Start("kill", ["-USR1", Pid()!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        for (int i = 0; i < 100 && !File.Exists(AccessLog); i++)
        {
            await Task.Delay(20, cancellationToken);   // the worker reopens its log after the master's signal
        }
    }

    /// <summary>The nginx master process's id, while its pid file exists.</summary>
    public int? MasterPid => Pid();

    public async ValueTask DisposeAsync()
    {
        if (Pid() is { } pid && ProcessExists(pid))
        {
            using var master = Process.GetProcessById(pid);
            master.Kill(entireProcessTree: true);
            await master.WaitForExitAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private int? Pid() => File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile).Trim(), out int pid) ? pid : null;

    private static bool ProcessExists(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        await DisposeAsync();
        throw new InvalidOperationException($"nginx did not listen on 127.0.0.1:{port} within 5 s.");
    }
}
