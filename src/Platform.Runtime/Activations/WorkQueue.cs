namespace Platform.Runtime.Activations;

/// <summary>
/// A small FIFO ring buffer, not thread-safe: the owning activation guards it with its lock. Written by hand because
/// <see cref="System.Collections.Concurrent.ConcurrentQueue{T}"/> starts with 32-slot segments, too much for a
/// million mostly idle activations, and the owner needs to scan and drain it under its own lock anyway.
/// </summary>
internal struct WorkQueue<T>
{
    private const int InitialCapacity = 4;
    private const int ShrinkAbove = 64;

    private T[]? _items;
    private int _head;
    private int _count;

    public readonly int Count => _count;

    public void Enqueue(T item)
    {
        if (_items is null || _count == _items.Length)
        {
            Grow();
        }

        _items![(_head + _count) % _items.Length] = item;
        _count++;
    }

    public readonly T Peek() => _items![_head];

    public T Dequeue()
    {
        var items = _items!;
        var item = items[_head];
        items[_head] = default!;
        _head = (_head + 1) % items.Length;
        _count--;
        if (_count == 0)
        {
            _head = 0;
            if (items.Length > ShrinkAbove)
            {
                _items = null;
            }
        }

        return item;
    }

    /// <summary>The item at <paramref name="index"/> positions from the head.</summary>
    public readonly T this[int index] => _items![(_head + index) % _items.Length];

    /// <summary>Removes every item, oldest first, into a new list.</summary>
    public List<T> DrainAll()
    {
        var drained = new List<T>(_count);
        while (_count > 0)
        {
            drained.Add(Dequeue());
        }

        return drained;
    }

    private void Grow()
    {
        var capacity = _items is null ? InitialCapacity : _items.Length * 2;
        var grown = new T[capacity];
        for (var i = 0; i < _count; i++)
        {
            grown[i] = _items![(_head + i) % _items.Length];
        }

        _items = grown;
        _head = 0;
    }
}
