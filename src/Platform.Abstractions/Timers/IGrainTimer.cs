namespace Platform.Timers;

/// <summary>A grain timer: its ticks run as turns of the grain; dispose it to stop it.</summary>
public interface IGrainTimer : IDisposable
{
    void Change(TimeSpan dueTime, TimeSpan period);
}
