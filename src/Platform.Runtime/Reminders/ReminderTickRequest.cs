using Platform.Invocation;
using Platform.Reminders;

namespace Platform.Runtime.Reminders;

/// <summary>Delivers one reminder tick to <see cref="IRemindable.ReceiveReminder"/>, activating the grain if needed.</summary>
internal sealed class ReminderTickRequest(string reminderName, TickStatus status) : VoidRequest
{
    public override string InterfaceName => "Platform.Reminders.IRemindable";

    public override string MethodName => nameof(IRemindable.ReceiveReminder);

    protected override ValueTask InvokeCore(object grain) => new(((IRemindable)grain).ReceiveReminder(reminderName, status));
}
