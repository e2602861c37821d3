using System.Diagnostics;

namespace Replay.Testing.Load;

/// <summary>
/// Samples the generator's own process CPU once a second while a replay runs, for <see cref="GeneratorUsage"/>: a
/// generator that saturates its cores measures its own queueing, and the verdict must say so.
/// </summary>
internal sealed class GeneratorCpuSampler : IDisposable
{
    private const int BusiestWindowSeconds = 5;
    private readonly Process _process = Process.GetCurrentProcess();
    private readonly List<double> _perSecond = [];
    private readonly int _cores = Math.Max(1, Environment.ProcessorCount);
    private readonly Timer _timer;
    private readonly TimeSpan _startCpu;
    private readonly long _start;
    private TimeSpan _lastCpu;
    private long _last;

    public GeneratorCpuSampler()
    {
        _startCpu = _lastCpu = Cpu();
        _start = _last = Stopwatch.GetTimestamp();
        _timer = new Timer(_ => Sample(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>Stops sampling and summarizes what was seen.</summary>
    public GeneratorUsage Stop()
    {
        _timer.Dispose();
        lock (_perSecond)
        {
            double wall = Stopwatch.GetElapsedTime(_start).TotalSeconds;
            double mean = wall <= 0 ? 0 : (Cpu() - _startCpu).TotalSeconds / (wall * _cores);
            double busiest = _perSecond.Count == 0 ? mean
                : Enumerable.Range(0, Math.Max(1, _perSecond.Count - BusiestWindowSeconds + 1))
                    .Max(i => _perSecond.Skip(i).Take(BusiestWindowSeconds).Average());
            return new GeneratorUsage
            {
                Cores = _cores,
                MeanCpu = Math.Clamp(mean, 0, 1),
                BusiestCpu = Math.Clamp(busiest, 0, 1),
                CpuPerSecond = [.. _perSecond],
            };
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _process.Dispose();
    }

    private void Sample()
    {
        lock (_perSecond)
        {
            var cpu = Cpu();
            long now = Stopwatch.GetTimestamp();
            double wall = (now - _last) / (double)Stopwatch.Frequency;
            if (wall > 0)
            {
                _perSecond.Add(Math.Clamp((cpu - _lastCpu).TotalSeconds / (wall * _cores), 0, 1));
            }

            _lastCpu = cpu;
            _last = now;
        }
    }

    private TimeSpan Cpu()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }
}
