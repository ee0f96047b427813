namespace Platform.EventSourcing;

/// <summary>Marks a service collection that already has the log-consistency provider, so it is added once.</summary>
internal sealed class JournaledGrainSupportMarker;
