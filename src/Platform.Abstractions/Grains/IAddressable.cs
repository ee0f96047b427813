namespace Platform;

/// <summary>Anything the runtime can address with a <see cref="GrainId"/>: grains and observers.</summary>
public interface IAddressable;
