namespace Platform.Runtime.Activations;

/// <summary>Something an activation prepares before the grain's OnActivateAsync runs, such as reading persistent state.</summary>
internal interface IActivationParticipant
{
    Task OnActivatingAsync(CancellationToken cancellationToken);
}
