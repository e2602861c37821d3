using System.Globalization;

namespace Replay.Testing.Environments.Resources;

/// <summary>
/// A cgroup v2 group for one clone, where the machine has a writable cgroup v2 hierarchy: <c>cpu.max</c> and
/// <c>memory.max</c> are then enforced by the kernel. Detected, never assumed: build machines often have cgroup v1
/// mounted read-only, and then the limits are approximated instead.
/// </summary>
internal sealed class CgroupV2
{
    public const string DefaultRoot = "/sys/fs/cgroup";
    private const long Period = 100_000;

    private CgroupV2(string root) => Root = root;

    public string Root { get; }

    /// <summary>The hierarchy, or null with the reason it cannot be used.</summary>
    public static (CgroupV2? Cgroup, string Reason) Detect(string root = DefaultRoot)
    {
        string controllers = Path.Combine(root, "cgroup.controllers");
        if (!File.Exists(controllers))
        {
            return (null, "this machine has no cgroup v2 hierarchy (cgroup v1 or none)");
        }

        var available = File.ReadAllText(controllers).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!available.Contains("cpu") || !available.Contains("memory"))
        {
            return (null, $"the cgroup v2 hierarchy at {root} does not offer the cpu and memory controllers");
        }

        string probe = Path.Combine(root, "replay-testing-probe-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
            return (new CgroupV2(root), string.Empty);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"the cgroup v2 hierarchy at {root} is not writable by this process");
        }
    }

    /// <summary>Creates the group with its limits; the process joins it with <see cref="Group.Attach"/>.</summary>
    public Group Create(string name, double? cpuCores, long? memoryBytes)
    {
        string path = Path.Combine(Root, name);
        Directory.CreateDirectory(path);
        if (cpuCores is { } cores)
        {
            File.WriteAllText(Path.Combine(path, "cpu.max"), $"{(long)Math.Ceiling(cores * Period)} {Period}");
        }

        if (memoryBytes is { } bytes)
        {
            File.WriteAllText(Path.Combine(path, "memory.max"), bytes.ToString(CultureInfo.InvariantCulture));
        }

        return new Group(path);
    }

    /// <summary>One clone's group.</summary>
    public sealed class Group(string path)
    {
        public string Path { get; } = path;

        public void Attach(int pid) => File.AppendAllText(System.IO.Path.Combine(Path, "cgroup.procs"), pid.ToString(CultureInfo.InvariantCulture) + "\n");

        /// <summary>Removes the group once its processes have exited.</summary>
        public void Remove()
        {
            try
            {
                Directory.Delete(Path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A kernel cgroup folder holds interface files only the kernel removes; an empty group deletes fine,
                // a fake one in tests needs its files gone first.
                Directory.Delete(Path, recursive: true);
            }
        }
    }
}
