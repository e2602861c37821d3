namespace Replay.Testing.Traffic.AccessLogs;

/// <summary>
/// An open-addressing hash table from a request's method and path, as the log's bytes, to a small integer: the
/// per-line lookup of the log reader, which must not allocate a string per line.
/// </summary>
internal sealed class RequestKeyTable
{
    private int[] _slots = new int[1024];   // index into _keys + 1; 0 = empty
    private readonly List<(byte[] Key, int MethodLength, int Hash)> _keys = [];

    public int Count => _keys.Count;

    /// <summary>The method and path of entry <paramref name="id"/>, as bytes ("GET /a").</summary>
    public (ReadOnlyMemory<byte> Method, ReadOnlyMemory<byte> Path) this[int id]
    {
        get
        {
            var (key, methodLength, _) = _keys[id];
            return (key.AsMemory(0, methodLength), key.AsMemory(methodLength + 1));
        }
    }

    /// <summary>Finds the entry of a method and path, adding it when new.</summary>
    /// <returns>The entry's id, from 0, and whether it was added.</returns>
    public (int Id, bool Added) GetOrAdd(ReadOnlySpan<byte> method, ReadOnlySpan<byte> path)
    {
        var hasher = default(HashCode);
        hasher.AddBytes(method);
        hasher.AddBytes(path);
        int hash = hasher.ToHashCode();
        int mask = _slots.Length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            int entry = _slots[slot];
            if (entry == 0)
            {
                break;
            }

            var (key, methodLength, keyHash) = _keys[entry - 1];
            if (keyHash == hash && methodLength == method.Length && key.Length == method.Length + 1 + path.Length &&
                key.AsSpan(0, methodLength).SequenceEqual(method) && key.AsSpan(methodLength + 1).SequenceEqual(path))
            {
                return (entry - 1, false);
            }
        }

        var bytes = new byte[method.Length + 1 + path.Length];
        method.CopyTo(bytes);
        bytes[method.Length] = (byte)' ';
        path.CopyTo(bytes.AsSpan(method.Length + 1));
        _keys.Add((bytes, method.Length, hash));
        if (_keys.Count * 2 > _slots.Length)
        {
            Rehash();
        }
        else
        {
            Place(_slots, hash, _keys.Count);
        }

        return (_keys.Count - 1, true);
    }

    private void Rehash()
    {
        var slots = new int[_slots.Length * 2];
        for (int i = 0; i < _keys.Count; i++)
        {
            Place(slots, _keys[i].Hash, i + 1);
        }

        _slots = slots;
    }

    private static void Place(int[] slots, int hash, int entry)
    {
        int mask = slots.Length - 1;
        int slot = hash & mask;
        while (slots[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        slots[slot] = entry;
    }
}
