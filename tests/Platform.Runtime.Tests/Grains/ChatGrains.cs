namespace Platform.Runtime.Tests.Grains;

public interface IChatObserver : IGrainObserver
{
    void Receive(string message);

    Task<int> Acknowledge(string message);
}

public interface IChatRoomGrain : IGrainWithStringKey
{
    Task Join(IChatObserver observer);

    /// <summary>Returns the failures met while delivering, as messages.</summary>
    Task<IReadOnlyList<string>> Publish(string message);
}

internal sealed class ChatRoomGrain : Grain, IChatRoomGrain
{
    private readonly List<IChatObserver> _members = [];

    public Task Join(IChatObserver observer)
    {
        _members.Add(observer);
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<string>> Publish(string message)
    {
        var failures = new List<string>();
        foreach (var member in _members)
        {
            member.Receive(message);
            try
            {
                await member.Acknowledge(message);
            }
            catch (Exception exception)
            {
                failures.Add(exception.Message);
            }
        }

        return failures;
    }
}
