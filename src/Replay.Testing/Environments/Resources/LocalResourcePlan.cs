using System.Globalization;

namespace Replay.Testing.Environments.Resources;

/// <summary>
/// How a local process is held to production's CPU and memory on this machine, and how faithfully: the strongest
/// means available (cgroup v2 limits), else approximations (CPU affinity, .NET runtime limits), each stated as a
/// parity fact.
/// </summary>
internal sealed class LocalResourcePlan
{
    private LocalResourcePlan()
    {
    }

    public ResourceLimits Limits { get; private init; } = ResourceLimits.None;

    /// <summary>The command prefix that pins the process to cores (<c>taskset -c 1</c>), if any.</summary>
    public IReadOnlyList<string> CommandPrefix { get; private init; } = [];

    public IReadOnlyDictionary<string, string> Environment { get; private init; } = new Dictionary<string, string>();

    public IReadOnlyList<ParityFact> Parity { get; private init; } = [];

    public CgroupV2? Cgroup { get; private init; }

    public static LocalResourcePlan Create(ResourceLimits limits, string productionCpu, string productionMemory, bool isDotnet,
        int machineCores, (CgroupV2? Cgroup, string Reason) cgroup, string? taskset)
    {
        var environment = new Dictionary<string, string>();
        var prefix = new List<string>();
        ParityFact cpu, memory;

        if (limits.CpuCores is not { } cores)
        {
            cpu = new("CPU", productionCpu, $"{machineCores} cores (this machine)", ParityStatus.NotMatched,
                "No production CPU figure was given, so the process runs unrestricted.");
        }
        else if (Math.Ceiling(cores) > machineCores)
        {
            cpu = new("CPU", productionCpu, $"{machineCores} cores (this machine)", ParityStatus.NotMatched,
                $"Production has more cores than this machine ({machineCores}); the clone gets all of them and is weaker than production.");
        }
        else
        {
            int whole = (int)Math.Ceiling(cores);
            string pinned = string.Join(",", Enumerable.Range(machineCores - whole, whole));
            var means = new List<string>();
            if (taskset is not null)
            {
                prefix.AddRange([taskset, "-c", pinned]);
                means.Add($"pinned to CPU {pinned}");
            }

            if (isDotnet)
            {
                environment["DOTNET_PROCESSOR_COUNT"] = whole.ToString(CultureInfo.InvariantCulture);
                means.Add($"DOTNET_PROCESSOR_COUNT={whole}");
            }

            string target = $"{Cores(whole)} ({string.Join(", ", means)})";
            cpu = cgroup.Cgroup is not null
                ? new("CPU", productionCpu, $"{Cores(cores)} (cgroup v2 cpu.max)", ParityStatus.Enforced, "The kernel caps the clone's CPU time at production's.")
                : means.Count == 0
                    ? new("CPU", productionCpu, $"{machineCores} cores (this machine)", ParityStatus.NotMatched, $"No means to limit CPU: {cgroup.Reason}, and taskset is missing.")
                    : new("CPU", productionCpu, target, ParityStatus.Approximated,
                        $"cpu.max cannot be set ({cgroup.Reason}); affinity limits which cores the clone uses, not its share of them{(whole != cores ? $", and rounds {Cores(cores)} up to whole cores" : string.Empty)}.");
        }

        if (limits.MemoryBytes is not { } bytes)
        {
            memory = new("Memory", productionMemory, "unrestricted", ParityStatus.NotMatched, "No production memory figure was given.");
        }
        else if (cgroup.Cgroup is not null)
        {
            memory = new("Memory", productionMemory, $"{MiB(bytes)} (cgroup v2 memory.max)", ParityStatus.Enforced, "The kernel caps the clone's memory at production's.");
        }
        else if (isDotnet)
        {
            environment["DOTNET_GCHeapHardLimit"] = "0x" + bytes.ToString("X", CultureInfo.InvariantCulture);
            memory = new("Memory", productionMemory, $"{MiB(bytes)} managed heap (DOTNET_GCHeapHardLimit)", ParityStatus.Approximated,
                $"memory.max cannot be set ({cgroup.Reason}); the .NET heap limit caps managed memory, not native memory.");
        }
        else
        {
            memory = new("Memory", productionMemory, "unrestricted", ParityStatus.NotMatched,
                $"memory.max cannot be set ({cgroup.Reason}) and the process is not a .NET app whose heap could be limited.");
        }

        return new LocalResourcePlan
        {
            Limits = limits,
            CommandPrefix = cgroup.Cgroup is null ? prefix : [],
            Environment = environment,
            Parity = [cpu, memory],
            Cgroup = cgroup.Cgroup,
        };
    }

    public static string Cores(double cores) => cores.ToString("0.##", CultureInfo.InvariantCulture) + (cores == 1 ? " core" : " cores");

    public static string MiB(long bytes) => (bytes / 1048576.0).ToString("N0", CultureInfo.InvariantCulture) + " MiB";

    public static string? FindTaskset() =>
        new[] { "/usr/bin/taskset", "/bin/taskset" }.FirstOrDefault(File.Exists);
}
