using System.ComponentModel.DataAnnotations;

namespace Platform.Api.Endpoints.Requests;

/// <summary>Why a job or its shift is cancelled, in the canceller's words; the people it concerns are told.</summary>
public sealed record CancellationRequest([property: Required, StringLength(500, MinimumLength = 1)] string Reason);
