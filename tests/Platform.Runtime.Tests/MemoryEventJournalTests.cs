using Platform.EventSourcing;
using Platform.Runtime.EventSourcing;
using Platform.Tests.Shared;

namespace Platform.Runtime.Tests;

public sealed class MemoryEventJournalTests : EventJournalContract
{
    protected override IEventJournal CreateJournal(TimeProvider time) => new MemoryEventJournal(time);
}
