using System.Diagnostics;

namespace Replay.Testing.IntegrationTests.Locking;

public sealed class ReplayLockTests : IDisposable
{
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("replay-lock-").FullName, "replay.lock");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);

    // flock(1) is another process asking for the same lock, as a second test assembly would.
    private int OtherProcessTakesTheLock()
    {
        using var flock = Process.Start(new ProcessStartInfo("flock", ["--nonblock", _path, "true"]) { RedirectStandardError = true })!;
        flock.WaitForExit();
        return flock.ExitCode;
    }

    [Fact]
    public async Task Another_process_cannot_take_the_lock_until_it_is_released()
    {
        var lines = new List<string>();
        await using (await ReplayLock.AcquireAsync(_path, lines.Add, TestContext.Current.CancellationToken))
        {
            OtherProcessTakesTheLock().Should().Be(1, "flock --nonblock fails while a replay holds the lock");
            File.ReadAllText(_path + ".owner").Should().Be(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        OtherProcessTakesTheLock().Should().Be(0);
        lines.Should().BeEmpty("nothing was waited for");
    }

    [Fact]
    public async Task A_waiting_replay_says_whom_it_waits_for_and_can_be_cancelled()
    {
        using var holder = Process.Start(new ProcessStartInfo("flock", [_path, "sleep", "30"]))!;
        try
        {
            while (OtherProcessTakesTheLock() == 0)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }

            var lines = new List<string>();
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(800));
            var act = () => ReplayLock.AcquireAsync(_path, lines.Add, cancel.Token);

            await act.Should().ThrowAsync<OperationCanceledException>();
            lines.Should().ContainSingle().Which.Should().Contain("waiting for the replay in process").And.Contain(_path);

            // The in-process gate was released with the failed wait: the next replay is not stuck behind it.
            holder.Kill();
            await holder.WaitForExitAsync(TestContext.Current.CancellationToken);
            await using var next = await ReplayLock.AcquireAsync(_path, lines.Add, TestContext.Current.CancellationToken);
        }
        finally
        {
            if (!holder.HasExited)
            {
                holder.Kill();
            }
        }
    }
}
