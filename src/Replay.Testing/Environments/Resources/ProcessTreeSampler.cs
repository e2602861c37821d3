using System.Diagnostics;
using System.Globalization;

namespace Replay.Testing.Environments.Resources;

/// <summary>
/// Samples a local process tree's CPU (cores busy) and resident memory once a second from <c>/proc</c>. Linux only;
/// <see cref="TryCreate"/> returns null elsewhere.
/// </summary>
internal sealed class ProcessTreeSampler : IResourceSampler, IDisposable
{
    private const double ClockTicksPerSecond = 100;   // USER_HZ: 100 on every Linux ABI .NET runs on
    private const long PageBytes = 4096;

    private readonly int _rootPid;
    private readonly List<ResourceSample> _samples = [];
    private readonly object _gate = new();
    private Timer? _timer;
    private long _startTimestamp;
    private (long Timestamp, long Ticks)? _previous;

    private ProcessTreeSampler(int rootPid) => _rootPid = rootPid;

    public string Source => "/proc of the target's process tree, once a second";

    public static ProcessTreeSampler? TryCreate(int pid) =>
        OperatingSystem.IsLinux() && Directory.Exists($"/proc/{pid}") ? new ProcessTreeSampler(pid) : null;

    public void Start()
    {
        _startTimestamp = Stopwatch.GetTimestamp();
        _previous = (_startTimestamp, CpuTicks(Tree()));
        _timer = new Timer(_ => Sample(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public ValueTask<IReadOnlyList<ResourceSample>> StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        _timer = null;
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<ResourceSample>>([.. _samples]);
        }
    }

    public void Dispose() => _timer?.Dispose();

    private void Sample()
    {
        try
        {
            var pids = Tree();
            long now = Stopwatch.GetTimestamp();
            long ticks = CpuTicks(pids);
            long rss = pids.Sum(Resident);
            lock (_gate)
            {
                if (_previous is { } previous && now > previous.Timestamp)
                {
                    double seconds = (now - previous.Timestamp) / (double)Stopwatch.Frequency;
                    double cores = Math.Max(0, (ticks - previous.Ticks) / ClockTicksPerSecond / seconds);
                    _samples.Add(new ResourceSample(Stopwatch.GetElapsedTime(_startTimestamp, now), Math.Round(cores, 3), rss));
                }

                _previous = (now, ticks);
            }
        }
        catch (IOException)
        {
            // The process ended between two reads: the samples so far stand.
        }
    }

    // The root and every descendant: a start script, its dotnet host, anything they fork.
    private List<int> Tree()
    {
        var parents = new Dictionary<int, int>();
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out int pid) && Stat(pid) is { } fields)
            {
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
        }

        var tree = new List<int> { _rootPid };
        for (int i = 0; i < tree.Count; i++)
        {
            tree.AddRange(parents.Where(p => p.Value == tree[i]).Select(p => p.Key));
        }

        return tree;
    }

    private static long CpuTicks(IEnumerable<int> pids) =>
        pids.Sum(pid => Stat(pid) is { } f ? long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture) : 0);

    private static long Resident(int pid)
    {
        try
        {
            string[] statm = File.ReadAllText($"/proc/{pid}/statm").Split(' ');
            return long.Parse(statm[1], CultureInfo.InvariantCulture) * PageBytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }

    // Fields after the ")" that closes the command name (which may hold spaces): state, ppid, ... utime at [11], stime at [12].
    private static string[]? Stat(int pid)
    {
        try
        {
            string text = File.ReadAllText($"/proc/{pid}/stat");
            int close = text.LastIndexOf(')');
            return close < 0 ? null : text[(close + 2)..].Split(' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
