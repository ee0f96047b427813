using System.ComponentModel.DataAnnotations;

namespace Platform.Api.Endpoints.Requests;

public sealed record ApplicationRequest([property: Required, StringLength(2000)] string CoverNote);
