using Replay.Testing.Environments;
using Replay.Testing.Environments.Resources;

namespace Replay.Testing.Tests.Environments.Resources;

public sealed class LocalResourcePlanTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("replay-cgroup-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static readonly (CgroupV2? Cgroup, string Reason) NoCgroup = (null, "this machine has no cgroup v2 hierarchy (cgroup v1 or none)");

    [Fact]
    public void Without_cgroup_v2_a_dotnet_app_is_pinned_and_its_heap_capped_and_parity_says_approximated()
    {
        var plan = LocalResourcePlan.Create(new ResourceLimits(1.5, 1L << 30), "1.5 cores", "1,024 MiB", isDotnet: true, machineCores: 4, NoCgroup, "/usr/bin/taskset");

        plan.CommandPrefix.Should().Equal("/usr/bin/taskset", "-c", "2,3");
        plan.Environment.Should().BeEquivalentTo(new Dictionary<string, string> { ["DOTNET_PROCESSOR_COUNT"] = "2", ["DOTNET_GCHeapHardLimit"] = "0x40000000" });
        plan.Parity.Select(p => (p.Name, p.Status)).Should().Equal(("CPU", ParityStatus.Approximated), ("Memory", ParityStatus.Approximated));
        plan.Parity[0].Note.Should().Contain("rounds 1.5 cores up to whole cores").And.Contain("cgroup v1 or none");
    }

    [Fact]
    public void With_a_writable_cgroup_v2_the_kernel_enforces_both()
    {
        File.WriteAllText(Path.Combine(_root, "cgroup.controllers"), "cpu memory");
        var cgroup = CgroupV2.Detect(_root);

        var plan = LocalResourcePlan.Create(new ResourceLimits(2, 512L << 20), "2 cores", "512 MiB", isDotnet: true, machineCores: 4, cgroup, "/usr/bin/taskset");

        plan.Parity.Select(p => p.Status).Should().Equal(ParityStatus.Enforced, ParityStatus.Enforced);
        plan.CommandPrefix.Should().BeEmpty("the cgroup limits the process; affinity would only narrow it further");
    }

    [Fact]
    public void Production_larger_than_the_machine_or_unknown_is_not_matched_and_says_why()
    {
        var larger = LocalResourcePlan.Create(new ResourceLimits(8, null), "8 cores", "unknown", isDotnet: false, machineCores: 2, NoCgroup, taskset: null);

        larger.Parity[0].Status.Should().Be(ParityStatus.NotMatched);
        larger.Parity[0].Note.Should().Contain("more cores than this machine (2)");
        larger.Parity[1].Note.Should().Be("No production memory figure was given.");
    }

    [Fact]
    public void Cgroup_v2_is_detected_not_assumed()
    {
        CgroupV2.Detect(_root).Reason.Should().Be("this machine has no cgroup v2 hierarchy (cgroup v1 or none)");

        File.WriteAllText(Path.Combine(_root, "cgroup.controllers"), "cpuset io pids");
        CgroupV2.Detect(_root).Reason.Should().Contain("does not offer the cpu and memory controllers");

        File.WriteAllText(Path.Combine(_root, "cgroup.controllers"), "cpuset cpu io memory pids");
        var detected = CgroupV2.Detect(_root).Cgroup;
        detected.Should().NotBeNull("the folder is writable here");

        var group = detected!.Create("replay-test", 1.5, 256L << 20);
        File.ReadAllText(Path.Combine(group.Path, "cpu.max")).Should().Be("150000 100000");
        File.ReadAllText(Path.Combine(group.Path, "memory.max")).Should().Be("268435456");
    }
}
