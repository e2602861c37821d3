namespace Replay.Testing.Environments;

/// <summary>
/// What a provisioning made, undone in reverse order: the process stops before its database is dropped. Every step
/// runs even when an earlier one fails; the failures are thrown together at the end.
/// </summary>
internal sealed class TeardownStack : IAsyncDisposable
{
    private readonly Stack<(string What, Func<ValueTask> Undo)> _steps = new();
    private int _disposed;

    public void Push(string what, Func<ValueTask> undo) => _steps.Push((what, undo));

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var failures = new List<Exception>();
        while (_steps.TryPop(out var step))
        {
            try
            {
                await step.Undo().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                failures.Add(new InvalidOperationException($"Teardown could not {step.What}: {e.Message}", e));
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("Teardown left something behind.", failures);
        }
    }
}
