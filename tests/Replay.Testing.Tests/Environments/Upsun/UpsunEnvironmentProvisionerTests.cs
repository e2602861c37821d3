using Replay.Testing.Environments;
using Replay.Testing.Environments.Upsun;

namespace Replay.Testing.Tests.Environments.Upsun;

public sealed class UpsunEnvironmentProvisionerTests : IDisposable
{
    private readonly FakeUpsunProject _upsun = new();
    private readonly List<string> _log = [];

    public void Dispose() => _upsun.Dispose();

    private UpsunEnvironmentProvisioner Provisioner(Func<UpsunEnvironmentOptions, UpsunEnvironmentOptions>? change = null) =>
        new(((change ?? (o => o))(new UpsunEnvironmentOptions { Api = _upsun.Api, PollInterval = TimeSpan.FromMilliseconds(5), ActivityTimeout = TimeSpan.FromSeconds(2) })));

    private ProvisioningContext Context => new() { RunId = "run42", Log = _log.Add };

    [Fact]
    public async Task A_clone_is_branched_with_data_sized_like_production_and_deleted_at_teardown()
    {
        var scrubbed = new List<Uri>();
        var provisioner = Provisioner(o => o with { ScrubHook = ("POST /_scrub (e-mails replaced)", (url, _) => { scrubbed.Add(url); return Task.CompletedTask; }) });

        await using (var clone = await provisioner.ProvisionAsync(Context, TestContext.Current.CancellationToken))
        {
            clone.BaseAddress.Should().Be(new Uri("https://replay-run42-bvxea6i.eu-5.platformsh.site/"));
            _upsun.Environments.Should().ContainKey("replay-run42");
            _upsun.Patches["replay-run42"].Should().Contain("\"profile_size\":\"1\"").And.Contain("\"instance_count\":2").And.Contain("\"disk\":4096");
            clone.Parity.Select(p => (p.Name, p.Status)).Should().Equal(("Data", ParityStatus.Enforced), ("Resources", ParityStatus.Enforced), ("Scrub", ParityStatus.Enforced));
            clone.Parity[1].Target.Should().Be("app 1 x2 disk 2048 MB, db 0.5 disk 4096 MB");
            scrubbed.Should().Equal(clone.BaseAddress);

            clone.ResourceSampler!.Start();
            await Task.Delay(1100, TestContext.Current.CancellationToken);
            var usage = await clone.ResourceSampler.StopAsync(TestContext.Current.CancellationToken);
            usage.Should().NotBeEmpty("the clone's CPU and memory come from Upsun's resources overview of the clone");
            usage.Max(u => u.CpuCores).Should().BeGreaterThan(1);
        }

        _upsun.Environments.Keys.Should().Equal(["main"], "the clone was deactivated and deleted");
        _log.Should().Contain(l => l.Contains("replay-run42 deactivated and deleted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_branch_activity_reports_its_reason_and_log_and_leaves_nothing()
    {
        _upsun.BranchOutcome = "failure";

        var act = () => Provisioner().ProvisionAsync(Context, TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<EnvironmentProvisioningException>())
            .WithMessage("The Upsun branch activity act1 failed (error). Last log lines: Cloning data | Error: disk quota exceeded on db");
        _upsun.Environments.Keys.Should().Equal("main");
    }

    [Fact]
    public async Task An_activity_that_never_finishes_times_out_and_the_clone_is_deleted()
    {
        _upsun.BranchOutcome = "never";

        var act = () => Provisioner(o => o with { ActivityTimeout = TimeSpan.FromMilliseconds(200) }).ProvisionAsync(Context, TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<EnvironmentProvisioningException>()).WithMessage("*did not finish within 00:00:00.2000000 (still in_progress)*");
        _upsun.Environments.Keys.Should().Equal("main");
    }

    [Fact]
    public async Task Keep_on_failure_keeps_the_clone_and_says_how_to_delete_it()
    {
        _upsun.BranchOutcome = "failure";

        var act = () => Provisioner(o => o with { KeepOnFailure = true }).ProvisionAsync(Context, TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<EnvironmentProvisioningException>();
        _upsun.Environments.Should().ContainKey("replay-run42");
        _log.Should().Contain(l => l.Contains("kept for debugging", StringComparison.Ordinal) && l.Contains("upsun environment:delete replay-run42", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_production_environment_that_does_not_exist_is_named_in_the_error()
    {
        var act = () => Provisioner(o => o with { Api = o.Api with { EnvironmentId = "prod" } }).ProvisionAsync(Context, TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<EnvironmentProvisioningException>()).WithMessage("*project abc123def456, environment prod (403)*");
        _upsun.Environments.Keys.Should().Equal("main");
    }

    [Fact]
    public async Task Cancellation_during_provisioning_still_deletes_the_clone()
    {
        _upsun.BranchOutcome = "never";
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));

        var act = () => Provisioner().ProvisionAsync(Context, cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        _upsun.Environments.Keys.Should().Equal("main");
    }
}
