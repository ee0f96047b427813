using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Platform.Api.Endpoints.Requests;

namespace Platform.Api.Tests;

/// <summary>
/// A request's field patterns are linear and its fields bounded, so a match can never run away; a match timeout would
/// only turn a stalled API process (a long GC pause, starved cores) into a 400 telling a client that its valid currency
/// is invalid, which chaos runs on the busy two-core machine did.
/// </summary>
public sealed class RequestPatternTests
{
    public static TheoryData<string> PatternedFields => new(
        typeof(JobRequest).Assembly.GetTypes()
            .Where(type => type.Namespace == typeof(JobRequest).Namespace)
            .SelectMany(type => type.GetProperties().Where(property => property.GetCustomAttribute<RegularExpressionAttribute>() is not null)
                .Select(property => $"{type.Name}.{property.Name}")));

    [Fact]
    public void Request_contracts_have_patterned_fields()
    {
        PatternedFields.Count.ShouldBeGreaterThanOrEqualTo(4, "JobRequest, ProfileRequest and ContractRequest check currencies and account ids by pattern");
    }

    [Theory]
    [MemberData(nameof(PatternedFields))]
    public void A_request_field_pattern_never_times_out(string field)
    {
        var (typeName, propertyName) = (field[..field.IndexOf('.')], field[(field.IndexOf('.') + 1)..]);
        var property = typeof(JobRequest).Assembly.GetTypes().Single(type => type.Namespace == typeof(JobRequest).Namespace && type.Name == typeName).GetProperty(propertyName)!;

        property.GetCustomAttribute<RegularExpressionAttribute>()!.MatchTimeoutInMilliseconds.ShouldBe(-1, $"{field} must not fail a valid request when the process stalls");
    }
}
