namespace Platform.Grains.Storage;

internal static class PersistentStateExtensions
{
    /// <summary>
    /// Makes <paramref name="next"/> the grain's state once storage has accepted it. If the write fails the activation
    /// keeps the state that is still stored, so a retry starts from the truth and not from a change that never happened.
    /// </summary>
    public static async Task SaveOrKeepAsync<TState>(this IPersistentState<TState> state, TState next)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }
}
