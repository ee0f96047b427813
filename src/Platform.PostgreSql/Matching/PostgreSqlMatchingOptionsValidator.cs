using Microsoft.Extensions.Options;

namespace Platform.PostgreSql.Matching;

/// <summary>
/// Refuses search settings pgvector would refuse (its GUC ranges) and a pool of no or more than 1,000 connections,
/// naming the key under <paramref name="sectionPath"/>.
/// </summary>
internal sealed class PostgreSqlMatchingOptionsValidator(string sectionPath) : IValidateOptions<PostgreSqlMatchingOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlMatchingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.EfSearch is < 1 or > 1000)
        {
            failures.Add($"{Key("EfSearch")} must be between 1 and 1000 (hnsw.ef_search); it is {options.EfSearch}.");
        }

        if (options.MaxScanTuples < 1)
        {
            failures.Add($"{Key("MaxScanTuples")} must be at least 1 (hnsw.max_scan_tuples); it is {options.MaxScanTuples}.");
        }

        if (options.MaxConnections is < 1 or > 1000)
        {
            failures.Add($"{Key("MaxConnections")} must be between 1 and 1000 (the matching pool's Maximum Pool Size); it is {options.MaxConnections}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private string Key(string key) => string.IsNullOrEmpty(sectionPath) ? key : $"{sectionPath}:{key}";
}
