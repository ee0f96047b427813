namespace Platform.Runtime.Activations;

internal enum ActivationStatus : byte
{
    /// <summary>Created and in the catalog; the activation turn has not finished yet. Calls queue up.</summary>
    Activating,

    Active,

    /// <summary>A deactivation turn is pending or running; calls still queue and move to the next activation.</summary>
    Deactivating,

    /// <summary>Gone from the catalog; callers that still hold it look the grain up again.</summary>
    Invalid,
}
