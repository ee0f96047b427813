using Platform.Runtime.Activations;

namespace Platform.Runtime.Tests;

public sealed class WorkQueueTests
{
    [Fact]
    public void Keeps_fifo_order_across_growth_and_wrap_around()
    {
        var queue = new WorkQueue<int>();
        var expected = new Queue<int>();
        var next = 0;
        for (var round = 0; round < 50; round++)
        {
            for (var i = 0; i < round % 7 + 1; i++)
            {
                queue.Enqueue(next);
                expected.Enqueue(next++);
            }

            for (var i = 0; i < round % 5 && expected.Count > 0; i++)
            {
                queue.Dequeue().ShouldBe(expected.Dequeue());
            }

            queue.Count.ShouldBe(expected.Count);
            for (var i = 0; i < queue.Count; i++)
            {
                queue[i].ShouldBe(expected.ElementAt(i));
            }
        }

        queue.DrainAll().ShouldBe(expected.ToList());
        queue.Count.ShouldBe(0);
    }
}
