namespace Platform.Grains.Notifications;

/// <summary>What happened to the recipient of a <see cref="Notification"/>.</summary>
/// <remarks>Stored as its number (job outboxes): append new kinds, never renumber.</remarks>
[GenerateSerializer]
[Alias("platform.notifications.NotificationKind")]
public enum NotificationKind
{
    /// <summary>To the job's client: a freelancer applied.</summary>
    ApplicationReceived = 0,

    /// <summary>To a freelancer: the client offered them the job.</summary>
    OfferMade = 1,

    /// <summary>To the freelancer and the client: the freelancer accepted an offer, the job is filled.</summary>
    Hired = 2,

    /// <summary>To the other side: the client or the hired freelancer cancelled the shift.</summary>
    ShiftCancelled = 3,

    /// <summary>To the hired freelancer, the applicants and those with an offer: the client cancelled the job.</summary>
    JobCancelled = 4,

    /// <summary>To the erased freelancer (under their pseudonym): their personal data is erased.</summary>
    ErasureCompleted = 5,

    /// <summary>To the freelancer and the client of a contract: the client's money is captured and held in escrow.</summary>
    EscrowFunded = 6,

    /// <summary>To the freelancer and the client: the escrow paid the freelancer (the amount less the platform fee).</summary>
    EscrowReleased = 7,

    /// <summary>To the freelancer and the client: the escrow gave the client's money back.</summary>
    EscrowRefunded = 8,
}
