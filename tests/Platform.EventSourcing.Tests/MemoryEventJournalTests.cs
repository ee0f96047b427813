using Platform.EventSourcing;

namespace Platform.EventSourcing.Tests;

public sealed class MemoryEventJournalTests : EventJournalContract
{
    protected override IEventJournal CreateJournal(TimeProvider time) => new MemoryEventJournal(time);
}
