namespace Platform.Runtime.Activations;

/// <summary>
/// A small FIFO queue, not thread-safe: the owning activation guards it with its lock. The first item lives inline,
/// so an activation that handles one call at a time never allocates a buffer; beyond that a ring buffer grows. Written
/// by hand because <see cref="System.Collections.Concurrent.ConcurrentQueue{T}"/> starts with 32-slot segments, too
/// much for a million mostly idle activations, and the owner scans and drains it under its own lock anyway.
/// </summary>
internal struct WorkQueue<T>
{
    private const int InitialCapacity = 4;
    private const int ShrinkAbove = 64;

    private T _inline;
    private T[]? _items;
    private int _head;
    private int _count;

    public readonly int Count => _count;

    public void Enqueue(T item)
    {
        if (_items is null)
        {
            if (_count == 0)
            {
                _inline = item;
                _count = 1;
                return;
            }

            _items = new T[InitialCapacity];
            _items[0] = _inline;
            _inline = default!;
            _head = 0;
        }
        else if (_count == _items.Length)
        {
            Grow();
        }

        _items[(_head + _count) % _items.Length] = item;
        _count++;
    }

    public readonly T Peek() => _items is null ? _inline : _items[_head];

    public T Dequeue()
    {
        var items = _items;
        if (items is null)
        {
            var only = _inline;
            _inline = default!;
            _count = 0;
            return only;
        }

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
    public readonly T this[int index] => _items is null ? _inline : _items[(_head + index) % _items.Length];

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
        var grown = new T[_items!.Length * 2];
        for (var i = 0; i < _count; i++)
        {
            grown[i] = _items[(_head + i) % _items.Length];
        }

        _items = grown;
        _head = 0;
    }
}
