using System.ComponentModel.DataAnnotations;

namespace Platform.Api.Endpoints.Requests;

/// <summary>The hired freelancer's delivery, by the opaque id of the deliverable (never its content).</summary>
public sealed record WorkRequest([property: Required, StringLength(128, MinimumLength = 1)] string DeliverableId);
