namespace Platform;

/// <summary>The target activation already has as many queued calls as its mailbox holds; the call was not queued.</summary>
public sealed class MailboxFullException(string message) : PlatformException(message);
