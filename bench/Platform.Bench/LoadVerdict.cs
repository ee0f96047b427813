namespace Platform.Bench;

/// <param name="LostWrites">Acknowledged operations missing from storage.</param>
/// <param name="DuplicateExecutions">Operations stored more than once (a call that ran twice).</param>
/// <param name="FailedButRan">Operations whose caller saw a failure although they were stored (the call may have run).</param>
internal sealed record LoadVerdict(long LostWrites, long DuplicateExecutions, long FailedButRan);
