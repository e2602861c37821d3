using System.Collections;

namespace Replay.Testing.Traffic;

/// <summary>
/// Every request of a window in the order production received them, with concrete paths and query strings: what an
/// in-order replay (<see cref="Plans.RequestOrder.Recorded"/>) sends instead of a shuffled mix. Kept by sources that
/// see single requests (access logs, on request); about 12 bytes a request plus each distinct URL once.
/// </summary>
public sealed class RequestSequence : IReadOnlyList<RecordedRequest>
{
    private readonly long[] _offsetTicks;
    private readonly int[] _targets;

    /// <summary>Creates a sequence.</summary>
    /// <param name="targets">The distinct requests.</param>
    /// <param name="offsetTicks">Each request's offset from the window's start, in ticks, in ascending order.</param>
    /// <param name="targetIndexes">Each request's index in <paramref name="targets"/>.</param>
    /// <exception cref="ArgumentException">The arrays differ in length, offsets go backwards or are negative, or an index is out of range.</exception>
    public RequestSequence(IReadOnlyList<RecordedTarget> targets, long[] offsetTicks, int[] targetIndexes)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(offsetTicks);
        ArgumentNullException.ThrowIfNull(targetIndexes);
        if (offsetTicks.Length != targetIndexes.Length)
        {
            throw new ArgumentException($"{offsetTicks.Length} offsets but {targetIndexes.Length} target indexes.", nameof(targetIndexes));
        }

        for (int i = 0; i < offsetTicks.Length; i++)
        {
            if (offsetTicks[i] < 0 || (i > 0 && offsetTicks[i] < offsetTicks[i - 1]))
            {
                throw new ArgumentException($"Request {i}'s offset {TimeSpan.FromTicks(offsetTicks[i])} is negative or before the one preceding it.", nameof(offsetTicks));
            }

            if ((uint)targetIndexes[i] >= (uint)targets.Count)
            {
                throw new ArgumentException($"Request {i} names target {targetIndexes[i]}, but there are {targets.Count}.", nameof(targetIndexes));
            }
        }

        Targets = targets;
        _offsetTicks = offsetTicks;
        _targets = targetIndexes;
    }

    /// <summary>The distinct requests.</summary>
    public IReadOnlyList<RecordedTarget> Targets { get; }

    /// <inheritdoc />
    public int Count => _offsetTicks.Length;

    /// <inheritdoc />
    public RecordedRequest this[int index] => new(TimeSpan.FromTicks(_offsetTicks[index]), Targets[_targets[index]]);

    /// <summary>Request <paramref name="index"/>'s target, by index in <see cref="Targets"/>.</summary>
    public int TargetIndexAt(int index) => _targets[index];

    /// <inheritdoc />
    public IEnumerator<RecordedRequest> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
