using Platform.Serialization;

namespace Platform.Invocation;

/// <summary>Creates a request from its arguments on the wire; one generated static method per grain method.</summary>
public delegate Request RequestReader(ref WireReader reader);
