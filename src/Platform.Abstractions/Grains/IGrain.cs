namespace Platform;

/// <summary>Marker for every grain interface. Use one of the keyed interfaces rather than this one.</summary>
public interface IGrain : IAddressable;
